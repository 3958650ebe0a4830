// The rule files shipped in rules/, embedded at build time.
#pragma once
#include <span>
#include <string_view>

namespace nianbao {
struct EmbeddedRuleFile {
    std::string_view name;  // file name, e.g. "gov-2021.rules"
    std::string_view text;
};
std::span<const EmbeddedRuleFile> builtin_rule_files();
}  // namespace nianbao
