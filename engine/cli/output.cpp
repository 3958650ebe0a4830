#include "cli/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <streambuf>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace nianbao {

namespace {

std::string errno_text(int err) { return err ? std::strerror(err) : "I/O error"; }

bool write_all(int fd, std::string_view text, int& err);

// std::cout's buffer while the CLI runs: written to descriptor 1 with every
// write checked, the first error kept (stdio would lose its errno).
class StdoutBuf : public std::streambuf {
public:
    StdoutBuf() { setp(buf_, buf_ + sizeof buf_); }
    [[nodiscard]] int error() const { return err_; }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain() {
        const std::string_view pending(pbase(), static_cast<std::size_t>(pptr() - pbase()));
        setp(buf_, buf_ + sizeof buf_);
        int err = 0;
        if (err_ == 0 && !write_all(STDOUT_FILENO, pending, err)) err_ = err ? err : EIO;
        return err_ == 0;
    }
    char buf_[1 << 16];
    int err_ = 0;
};

StdoutBuf* g_stdout = nullptr;
std::streambuf* g_original_stdout = nullptr;

bool write_all(int fd, std::string_view text, int& err) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            err = n < 0 ? errno : EIO;
            return false;
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool report(const std::string& path, const std::string& what, int err) {
    std::cerr << path << ": error: " << what << ": " << errno_text(err) << "\n";
    return false;
}

// An existing device or FIFO: written in place (renaming over it would
// replace /dev/null with a regular file).
bool write_in_place(const std::string& path, std::string_view text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return report(path, "cannot open the output file", errno);
    int err = 0;
    const bool wrote = write_all(fd, text, err);
    if (::close(fd) != 0 && wrote) return report(path, "cannot write the output file", errno);
    return wrote || report(path, "cannot write the output file", err);
}

}  // namespace

bool write_output(const std::string& path, std::string_view text) {
    if (path.empty() || path == "-") {
        std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
        return true;  // finish_stdout reports a failure
    }
    std::error_code ec;
    fs::path target(path);
    if (fs::is_symlink(fs::symlink_status(target, ec))) {  // replace the file the link names, keep the link
        fs::path real = fs::canonical(target, ec);
        if (!ec) target = real;
    }
    const auto st = fs::status(target, ec);
    if (fs::is_directory(st)) return report(path, "cannot write the output file", EISDIR);
    if (fs::exists(st) && !fs::is_regular_file(st)) return write_in_place(path, text);

    // a temporary file next to the target, renamed over it once complete
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string name = (dir / ("." + target.filename().string() + ".nianbao-XXXXXX")).string();
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) return report(path, "cannot create a temporary file in " + dir.string(), errno);
    mode_t mode = 0;
    if (fs::is_regular_file(st)) {
        mode = static_cast<mode_t>(st.permissions() & fs::perms::mask);
    } else {
        const mode_t mask = ::umask(0);  // read it back; the CLI is single-threaded here
        ::umask(mask);
        mode = static_cast<mode_t>(0666 & ~mask);
    }
    int err = 0;
    bool ok = write_all(fd, text, err);
    auto check = [&](int rc) {
        if (rc != 0 && ok) {
            ok = false;
            err = errno;
        }
    };
    if (ok) check(::fchmod(fd, mode));
    if (ok) check(::fsync(fd));  // a full or failing disk may only tell here or at close
    check(::close(fd));
    if (ok) check(::rename(name.c_str(), target.c_str()));
    if (ok) return true;
    ::unlink(name.c_str());
    return report(path, "cannot write the output file (left as it was)", err);
}

bool output_spares_inputs(const std::string& output, const std::vector<fs::path>& inputs) {
    if (output.empty() || output == "-") return true;
    std::error_code ec;
    if (!fs::exists(output, ec)) return true;  // a new file cannot be an input
    for (const auto& in : inputs) {
        if (fs::equivalent(output, in, ec) && !ec) {
            std::cerr << output << ": error: the output file is also an input (" << in.string()
                      << "); nothing written: choose another -o FILE\n";
            return false;
        }
    }
    return true;
}

bool write_directory(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files,
                     const std::vector<fs::path>& inputs) {
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        std::cerr << dir << ": error: not a directory; nothing written: -o names the directory the letters go into\n";
        return false;
    }
    for (const auto& [name, text] : files) {
        const fs::path out = fs::path(dir) / name;
        for (const auto& in : inputs)
            if (fs::exists(out, ec) && fs::equivalent(out, in, ec) && !ec) {
                std::cerr << out.string() << ": error: the output file is also an input (" << in.string()
                          << "); nothing written: choose another -o DIR\n";
                return false;
            }
    }
    fs::create_directories(dir, ec);
    if (ec) {
        std::cerr << dir << ": error: cannot create the directory: " << ec.message() << "\n";
        return false;
    }
    for (const auto& [name, text] : files)
        if (!write_output((fs::path(dir) / name).string(), text)) return false;
    return true;
}

void begin_stdout() {
    static StdoutBuf buf;
    std::fflush(stdout);
    g_stdout = &buf;
    g_original_stdout = std::cout.rdbuf(&buf);
}

int finish_stdout(int status) {
    std::cout.flush();
    const bool stdio_ok = std::fflush(stdout) == 0 && !std::ferror(stdout);
    const int err = g_stdout ? g_stdout->error() : 0;
    const bool ok = std::cout.good() && err == 0 && stdio_ok;
    if (g_original_stdout) std::cout.rdbuf(g_original_stdout);  // before static destruction flushes std::cout
    g_stdout = nullptr;
    if (ok) return status;
    std::cerr << "nianbao: error: cannot write to standard output: " << errno_text(err) << "\n";
    return 2;
}

}  // namespace nianbao
