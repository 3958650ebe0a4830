// Where the CLI's output goes: standard output or an -o FILE, every write
// checked, and never onto a file the run reads.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nianbao {

// Writes `text` to `path`, or to standard output when `path` is "" or "-".
// A file is written to a temporary file in its directory (every write, the
// sync and the close checked) and renamed over `path`; on any failure the
// temporary file is removed and an existing `path` is left as it was.  An
// existing `path` that is a device or a FIFO (/dev/null, /dev/stdout) is
// written in place.  Returns false after one "PATH: error: …" line on stderr.
bool write_output(const std::string& path, std::string_view text);

// False, after one "PATH: error: …" line on stderr, when `output` (not "" or
// "-") is one of `inputs` (the same file, by std::filesystem::equivalent):
// writing there would destroy what was read.
bool output_spares_inputs(const std::string& output, const std::vector<std::filesystem::path>& inputs);

// Writes each file (name, text) into directory `dir`, created with its parents
// when missing, each file as write_output writes one.  Refused before anything
// is written when `dir` exists and is not a directory, or when a file would
// replace one of `inputs` (a report kept in `dir`).  Files already in `dir`
// that are not among `files` are left alone.  Returns false after one
// "PATH: error: …" line on stderr.
bool write_directory(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files,
                     const std::vector<std::filesystem::path>& inputs);

// From here on std::cout is written to standard output with every write
// checked (see finish_stdout).  Called once, at the start of main.
void begin_stdout();
// Flushes std::cout and stdout.  If anything written to standard output was
// lost (a full disk), prints one line on stderr and returns 2;
// otherwise returns `status`.  Called once, at the end of main.
int finish_stdout(int status);

}  // namespace nianbao
