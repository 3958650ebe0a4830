// What the CLI feeds the engine: rule sources and report files.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/source.hpp"
#include "grammar/compile.hpp"
#include "read/decode.hpp"

namespace nianbao {

struct LoadedRules {
    std::vector<std::shared_ptr<const SourceText>> files;
    bool failed = false;  // an error was printed
    [[nodiscard]] bool ok() const { return !failed; }
};
// Rule files from paths (files, or directories of *.rules, sorted); with
// builtin = true, followed by the rule files embedded in the binary whose rule
// set the given files do not declare (an overlay: a provincial rule set that
// `extends gov-2021`, or a changed copy of a built-in file, which replaces it).
// Errors go to stderr, one line each.
LoadedRules load_rule_sources(const std::vector<std::string>& paths, bool builtin);
// `nianbao rules export DIR`: the built-in rule files written into DIR
// (created if missing), each under its own name; a file already there is
// left alone and reported.  False after a "PATH: error: …" line on stderr.
bool export_builtin_rules(const std::string& dir);
// Adds the built-in rule files whose rule set is not declared by `files`.
void add_builtin_bases(std::vector<std::shared_ptr<const SourceText>>& files);

struct InputList {
    std::vector<std::filesystem::path> files;  // to check, in order
    std::vector<InputError> errors;            // paths that do not exist, FIFOs, sockets, devices
    // files met while walking directories that are not checked: path and
    // reason ("unsupported type (.ofd)", "not a regular file (socket)")
    std::vector<InputError> skipped;
};
// Files given are checked whatever their name; directories are walked
// recursively (sorted) for report files (*.txt, *.md, *.text, …).  A path
// that is not a regular file (a FIFO, socket or device, given or met with a
// report file's name in a directory) is an error, decided on its status
// without opening it.
InputList collect_inputs(const std::vector<std::string>& paths);

std::string render_rule_list(const rules::RuleLibrary& lib);
// The rule catalogue as Markdown (docs/rules.md): every rule with id,
// severity, rule sets, title, source, explanation, good and bad examples.
std::string render_rule_catalogue(const rules::RuleLibrary& lib);
// Fills `out` with the explanation, or with an error message (returns false).
bool explain_rule(const rules::RuleLibrary& lib, const std::string& id, std::string& out);

}  // namespace nianbao
