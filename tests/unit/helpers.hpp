// Small helpers shared by the unit tests.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace nianbao::test {

// The whole file as bytes ("" when it cannot be read: tests check what they need).
inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The file as text, without a UTF-8 byte-order mark.
inline std::string slurp_text(const std::filesystem::path& path) {
    std::string t = slurp(path);
    if (t.rfind("\xEF\xBB\xBF", 0) == 0) t.erase(0, 3);
    return t;
}

// A file of reports-samples/.
inline std::filesystem::path sample_path(const char* name) {
    return std::filesystem::path(NIANBAO_SOURCE_DIR) / "reports-samples" / name;
}

}  // namespace nianbao::test
