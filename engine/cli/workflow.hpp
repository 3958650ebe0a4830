// The supervisor's workflow around `check`: the configuration (nianbao.toml),
// rule sets, engine options, input files, suppressions and the baseline.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/sources.hpp"
#include "eval/checker.hpp"
#include "grammar/compile.hpp"
#include "workflow/config.hpp"
#include "workflow/suppress.hpp"

namespace nianbao {

struct WorkflowArgs {
    std::vector<std::string> paths;        // reports (files or directories)
    std::vector<std::string> history;      // --history: earlier years' reports (files or directories)
    std::vector<std::string> rule_paths;   // --rules (replace the configuration's rule files)
    bool no_builtin = false;               // --no-builtin: the rule files given only, not over the built-in ones
    std::string config;                    // --config FILE ("" = look for nianbao.toml)
    std::string suppressions;              // --suppressions FILE (replaces the configuration's)
    std::string baseline;                  // --baseline FILE
    std::string today;                     // --today YYYY-MM-DD ("" = the system date)
    bool need_inputs = true;               // collect the report files
    bool need_suppressions = true;         // load the suppressions file (not for extract/summarize)
};

struct Workflow {
    Config config;                                   // path "" when there is none
    rules::CompileResult compiled;
    std::shared_ptr<const CheckOptions> options;
    InputList inputs;
    // --history: reports the rules that compare reports look into (the same
    // agency's earlier years), never checked or reported themselves
    std::vector<std::filesystem::path> history;
    std::optional<SuppressionFile> suppressions;
    std::optional<Baseline> baseline;
    std::string today;
    std::vector<std::string> other_files;            // the configuration, rule, suppressions and baseline files read
};

// Finds and loads the configuration, compiles the rule sets, builds the
// engine options, collects the inputs (with the configuration's or the
// default globs; files met in a directory that are nianbao's own — the
// configuration, rule, suppressions and baseline files — are left out, and
// outputs of `nianbao check` are listed as not checked) and loads the suppressions and baseline.  Prints every error on stderr and
// returns false (exit status 2) when something is wrong.
bool prepare_workflow(const WorkflowArgs& args, Workflow& wf);

// Every file the run reads: the report files found and `other_files`.
std::vector<std::filesystem::path> files_read(const Workflow& wf);

// After checking: suppressions (marks findings, adds the suppressions file's
// own findings), then the baseline.  Suppressed findings stay in `results`
// (marked); call hide_suppressed() for outputs that do not show them.
void finish_workflow(const Workflow& wf, std::vector<ReportResult>& results);

// One warning on stderr per rule whose pattern stopped at the match time or
// backtracking limit (issue 17, H1), at the rule's line, naming the reports
// (the first three and how many): there the rule was not assessable.
void warn_pattern_limits(const std::vector<ReportResult>& results);

}  // namespace nianbao
