// The supervisor's configuration file, nianbao.toml (docs/configuration.md):
// rule sets, severity overrides, disabled rules, fact overrides (rule-language
// expressions), per-agency fact values, file globs and a suppressions file.
// Loaded once, then immutable; errors point at the TOML line and column.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/checker.hpp"
#include "grammar/compile.hpp"

namespace nianbao {

struct ConfigPlace {
    std::uint32_t line = 0, column = 0;  // 1-based; 0 = unknown
};

struct Config {
    std::string path;            // the file read; "" = no configuration (built-in defaults)
    std::filesystem::path dir;   // its directory: relative paths and globs in it are relative to it
    struct Entry {
        std::string key;         // rule id / fact name (severity, facts); empty otherwise
        std::string value;       // severity / expression / rule id / path (resolved against dir)
        std::string written;     // the value as written in the file
        ConfigPlace at;          // of the value (for expressions: the string)
    };
    std::vector<Entry> rules;        // rule files or directories
    std::vector<Entry> severity;     // key = rule id, value = error | warning | info
    std::vector<Entry> disabled;     // value = rule id
    std::vector<Entry> facts;        // key = fact name, value = expression
    struct AgencyFact {
        std::string fact;
        CheckOptions::FactValue value;
        std::string shown;           // as TOML: "town" or 3
        ConfigPlace at;
    };
    struct Agency {
        std::string name;            // as written
        std::string normal;          // in matching form
        ConfigPlace at;
        std::vector<AgencyFact> facts;
    };
    std::vector<Agency> agencies;
    // [aliases] "NAME" = ["OTHER NAME", …]: the other names' reports are NAME's;
    // [hierarchy] "PARENT" = ["CHILD", …]: the agencies whose reports add up to PARENT's
    struct NameList {
        std::string name, normal;        // as written, in matching form
        ConfigPlace at;
        std::vector<std::string> members, members_normal;
    };
    std::vector<NameList> aliases, hierarchy;
    std::vector<Entry> include, exclude;  // globs, relative to dir
    std::optional<Entry> suppressions;    // value = resolved path
};

// Reads and validates a configuration file (syntax, keys, value types).  On
// error returns nullopt and appends "FILE:LINE:COL: error: MESSAGE" lines.
std::optional<Config> load_config(const std::string& path, std::vector<std::string>& errors);

// The nearest nianbao.toml for a report path (a file: from its directory; a
// directory: from itself), looking in the directory and its parents up to the
// current working directory (or the filesystem root when the path is outside
// it).  "" when there is none.
std::string find_config(const std::filesystem::path& report_path);

// The engine options of a configuration, checked against a compiled rule
// library: rule ids in severity/disabled must exist, fact overrides are
// compiled in each rule set that has the fact, agency facts must exist.
// Null (and "FILE:LINE:COL: error: …" lines in errors) when something is wrong.
std::shared_ptr<const CheckOptions> make_check_options(const Config& cfg, const rules::RuleLibrary& lib,
                                                       std::vector<std::string>& errors);

// Glob matching on '/'-separated paths: `*` any characters but '/', `?` one
// character but '/', `**` any characters including '/' (`**/` also matches no
// directory at all).
bool glob_match(std::string_view pattern, std::string_view path);

// Which files found while walking a directory are checked (docs/configuration.md,
// "files"): `rel` is the file's path relative to the configuration's directory
// (or to the directory walked, without a configuration).  The configuration's
// [files] include replaces the default include (report-like extensions:
// *.txt *.text *.html *.htm *.docx *.odt *.pdf *.doc *.wps), its exclude the
// default exclude (readme* changelog* license* notes* 说明*, in any
// directory).  The defaults ignore ASCII case; configured globs do not.
bool file_included(const Config& cfg, std::string_view rel);
bool file_excluded(const Config& cfg, std::string_view rel);
const std::vector<std::string>& default_include();
const std::vector<std::string>& default_exclude();

// `path` relative to `dir` when it is inside it, in generic form ('/').
std::string relative_to(const std::filesystem::path& path, const std::filesystem::path& dir);

// `nianbao config show`: the effective configuration, for a report when
// `report` is not null (its agency, which agency entry matches, the values of
// the configured facts for it).
std::string describe_config(const Config& cfg, const rules::RuleLibrary& lib, const ReportResult* report);

}  // namespace nianbao
