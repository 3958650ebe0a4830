// nianbao: the command-line interface.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <mutex>
#include <thread>

#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/builtin_rules.hpp"
#include "cli/output.hpp"
#include "cli/rule_tests.hpp"
#include "cli/sources.hpp"
#include "cli/workflow.hpp"
#include "grammar/compile.hpp"
#include "core/utf8.hpp"
#include "pipeline/pipeline.hpp"
#include "render/render.hpp"

#ifndef NIANBAO_VERSION
#define NIANBAO_VERSION "0.1.0"
#endif

namespace fs = std::filesystem;
using namespace nianbao;

namespace {

constexpr const char* kDescription =
    "nianbao checks 政府信息公开工作年度报告 (government information-disclosure annual reports)\n"
    "against the rules of the national format and prints findings that point at lines of the\n"
    "original file. The formats' rules live in rule files (see docs/rule-language.md).\n"
    "\n"
    "Exit status of `check`: 0 no error findings; 1 error findings; 2 usage, rule-file, configuration\n"
    "or input error (every other file is still checked).\n"
    "\n"
    "Configuration: the nearest nianbao.toml next to the reports (in their directory or its parents,\n"
    "up to the filesystem root) or --config FILE: rule sets, severities, disabled rules, facts\n"
    "(e.g. provincial deadlines), per-agency facts, file globs, suppressions (docs/configuration.md).";

// "[12/50] path" on stderr, overwritten in place, when stderr is a terminal;
// nothing otherwise.  Cleared by finish().
class Progress {
public:
    explicit Progress(std::size_t total) : total_(total), on_(total > 0 && isatty(fileno(stderr)) == 1) {
        if (!on_) return;
        winsize ws{};
        if (ioctl(fileno(stderr), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) cols_ = ws.ws_col;
    }
    void done(const std::string& path) {
        if (!on_) return;
        std::lock_guard<std::mutex> lock(mu_);
        ++done_;
        std::string prefix = fmt::format("[{}/{}] ", done_, total_);
        // keep the line shorter than the terminal, or "\r" would not reach its start
        std::size_t room = cols_ > prefix.size() + 2 ? cols_ - prefix.size() - 2 : 0;
        std::string shown = path;
        if (utf8::display_width(shown) > room) {
            std::size_t i = 0;
            while (i < shown.size() && utf8::display_width(std::string_view(shown).substr(i)) + 1 > room)
                utf8::next(shown, i);
            shown = "\u2026" + shown.substr(i);
        }
        std::string line = "\r" + prefix + shown + "\x1b[K";
        std::fwrite(line.data(), 1, line.size(), stderr);
        std::fflush(stderr);
    }
    void finish() {
        if (!on_) return;
        std::fputs("\r\x1b[K", stderr);
        std::fflush(stderr);
    }

private:
    std::size_t total_, done_ = 0, cols_ = 80;
    bool on_;
    std::mutex mu_;
};

// Checks the files found, then adds the paths that could not be listed as unreadable reports.
std::vector<ReportResult> check_inputs(const Pipeline& pipeline, const InputList& inputs, unsigned jobs,
                                       bool quiet = false, const std::vector<fs::path>& history = {}) {
    Progress progress(quiet ? 0 : inputs.files.size());
    std::vector<ReportResult> results = check_batch(
        pipeline, inputs.files, jobs, [&](const fs::path& file) { progress.done(file.string()); }, history);
    progress.finish();
    for (const auto& e : inputs.errors) {
        ReportResult r;
        r.path = e.path;
        r.error = e;
        results.push_back(std::move(r));
    }
    return results;
}

// What `check` does once the workflow is prepared: every report checked, the
// pattern-limit warnings, then the suppressions and the baseline applied
// (suppressed findings still marked).  `skipped_to_stderr`: the files met in a
// walk and not checked are noted on stderr (for outputs that have no place for
// them; check lists them in its output).
std::vector<ReportResult> run_checks(const Workflow& wf, unsigned jobs, bool quiet, bool skipped_to_stderr = false) {
    if (!quiet && skipped_to_stderr)
        for (const auto& sk : wf.inputs.skipped) std::cerr << sk.path << ": note: not checked: " << sk.reason << "\n";
    Pipeline pipeline(*wf.compiled.library, wf.options);
    std::vector<ReportResult> results = check_inputs(pipeline, wf.inputs, jobs, quiet, wf.history);
    warn_pattern_limits(results);
    finish_workflow(wf, results);
    return results;
}

// --rules PATH (repeatable, exactly one path each, so it cannot swallow the
// reports after it) and --no-builtin: the files given are added to the
// built-in rule sets; a file declaring a rule set of a built-in one's name
// replaces it.
void add_rules_options(CLI::App& sub, std::vector<std::string>& paths, bool& no_builtin) {
    sub.add_option("--rules", paths,
                   "Rule file or directory of *.rules files, added to the built-in rule sets (a rule set of the same "
                   "name replaces the built-in one); one path each, repeat for more")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    sub.add_flag("--no-builtin", no_builtin, "Use only the rule files given with --rules (or the configuration's)");
}

// --history DIR (repeatable, one path each): earlier years' reports, for the
// rules that compare a report with the same agency's previous one.
void add_history_option(CLI::App& sub, std::vector<std::string>& paths) {
    sub.add_option("--history", paths,
                   "Earlier years' reports (file or directory), looked into by the rules that compare a report with "
                   "the same agency's previous year (T3-05, DOC-01 …); never checked themselves; repeat for more")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

// --color auto: colour only when the text goes to a terminal, NO_COLOR
// (https://no-color.org) is unset or empty and TERM is not "dumb".
bool use_color(const std::string& mode, const std::string& output) {
    if (mode == "always") return true;
    if (mode == "never" || !(output.empty() || output == "-")) return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    const char* term = std::getenv("TERM");
    if (term && std::string_view(term) == "dumb") return false;
    return isatty(fileno(stdout)) == 1;
}

int run(int argc, char** argv);

}  // namespace

int main(int argc, char** argv) {
    begin_stdout();
    return finish_stdout(run(argc, argv));
}

namespace {

int run(int argc, char** argv) {
    CLI::App app{kDescription, "nianbao"};
    app.set_version_flag("--version", std::string("nianbao ") + NIANBAO_VERSION);
    app.require_subcommand(1);
    app.footer("Documentation: README.md, docs/cli.md, docs/configuration.md, docs/rule-language.md, docs/rules.md");

    // check
    auto* check = app.add_subcommand("check", "Check reports (files or directories, recursively).");
    std::vector<std::string> check_paths, rule_paths;
    std::string format = "text", output;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    check->add_option("paths", check_paths,
                      "Report files (always checked) or directories: in a directory, files matching the "
                      "configuration's [files] include/exclude, by default *.txt *.text *.html *.htm *.docx *.odt "
                      "*.pdf *.doc *.wps except readme* changelog* license* notes* 说明*; other types are listed "
                      "as 'not checked' in the output (not an error)")
        ->required();
    bool check_no_builtin = false;
    add_rules_options(*check, rule_paths, check_no_builtin);
    std::vector<std::string> check_history;
    add_history_option(*check, check_history);
    std::string check_config, check_suppressions, check_baseline, check_today;
    bool show_suppressed = false;
    check->add_option("--config", check_config,
                      "Configuration file (default: the nearest nianbao.toml next to the reports); see "
                      "docs/configuration.md");
    check->add_option("--suppressions", check_suppressions,
                      "Suppressions file ([[suppress]] entries; replaces the configuration's 'suppressions'); an "
                      "entry's place is a text line number, the original file's place (\"p4:19\", \"第4页第19行\") "
                      "or a text the line contains");
    check->add_flag("--show-suppressed", show_suppressed,
                    "Show suppressed findings too, marked as suppressed (SARIF always keeps them, with "
                    "'suppressions'; JUnit as skipped testcases)");
    check->add_option("--baseline", check_baseline,
                      "Report only findings that are not in this baseline (from `nianbao baseline write`)");
    check->add_option("--today", check_today,
                      "The date suppressions expire against, YYYY-MM-DD (default: the system date)");
    check->add_option("--format", format,
                      "Output format: text, json, sarif (SARIF 2.1.0), csv (for spreadsheets), html (one "
                      "self-contained page; use with -o), junit (JUnit XML for CI servers: a testsuite per report, "
                      "a testcase per rule or finding); see docs/output-formats.md")
        ->check(CLI::IsMember({"text", "json", "sarif", "csv", "html", "junit"}))
        ->capture_default_str();
    check->add_option("-o,--output", output, "Write the findings to FILE (atomically) instead of stdout");
    std::string lang = "en";
    check->add_option("--lang", lang,
                      "Language of the CSV output (header, severities, the 'place' column: p4:19:21 or "
                      "第4页第19行第21列): en or zh")
        ->check(CLI::IsMember({"en", "zh"}))
        ->capture_default_str();
    check->add_option("-j,--jobs", jobs, "Reports checked in parallel")->capture_default_str();
    bool quiet = false;
    std::string color = "auto";
    check->add_flag("-q,--quiet", quiet, "No progress line on stderr; errors still");
    check->add_option("--color", color,
                      "Colour the text output: auto (only on a terminal, and not when NO_COLOR is set), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();

    // rules
    auto* rules_cmd = app.add_subcommand("rules", "Work with rule files.");
    rules_cmd->require_subcommand(1);
    auto* rules_check = rules_cmd->add_subcommand(
        "check", "Validate rule files: every error, compiler style. The built-in rule sets are available as bases.");
    std::vector<std::string> rules_check_files;
    bool no_builtin = false;
    rules_check->add_option("files", rules_check_files, "Rule files or directories")->required();
    rules_check->add_flag("--no-builtin", no_builtin, "Do not make the built-in rule sets available as bases");
    auto* rules_export = rules_cmd->add_subcommand(
        "export", "Write the built-in rule files into DIR, to start a rule set of your own from (no file is overwritten).");
    std::string export_dir;
    rules_export->add_option("dir", export_dir, "Directory to write into (created if missing)")->required();
    auto* rules_list = rules_cmd->add_subcommand(
        "list", "List every rule: id, severity, rule set, title, source (--format markdown: docs/rules.md).");
    std::vector<std::string> list_rules;
    std::string list_format = "text";
    rules_list->add_option("--format", list_format,
                           "text, or markdown: the rule catalogue with explanations and examples (docs/rules.md)")
        ->check(CLI::IsMember({"text", "markdown"}))
        ->capture_default_str();
    bool list_no_builtin = false;
    add_rules_options(*rules_list, list_rules, list_no_builtin);

    // explain
    auto* explain = app.add_subcommand("explain", "Explain a rule: what it checks, why, its source, examples.");
    std::string explain_id;
    std::vector<std::string> explain_rules;
    explain->add_option("rule", explain_id, "Rule id, e.g. META-02")->required();
    bool explain_no_builtin = false;
    add_rules_options(*explain, explain_rules, explain_no_builtin);

    // extract
    auto* extract = app.add_subcommand(
        "extract", "Export every bound table cell (report, agency, year, table, row, column, value, state, line).");
    std::vector<std::string> extract_paths, extract_rules;
    std::string extract_format = "csv", extract_output;
    extract->add_option("paths", extract_paths, "Report files or directories")->required();
    bool extract_no_builtin = false;
    add_rules_options(*extract, extract_rules, extract_no_builtin);
    std::vector<std::string> extract_history;
    add_history_option(*extract, extract_history);
    extract->add_option("--format", extract_format, "csv (UTF-8 with BOM, one cell per row) or json")
        ->check(CLI::IsMember({"csv", "json"}))
        ->capture_default_str();
    extract->add_option("-o,--output", extract_output, "Write to FILE (atomically) instead of stdout");
    std::string extract_config;
    extract->add_option("--config", extract_config,
                        "Configuration file (default: the nearest nianbao.toml next to the reports): its rule sets, "
                        "facts, per-agency facts and file globs apply");

    // summarize
    auto* summarize_cmd = app.add_subcommand(
        "summarize", "Sum every table over the reports of each year (汇总), printed in the table's own layout.");
    std::vector<std::string> summarize_paths, summarize_rules;
    std::string summarize_output;
    summarize_cmd->add_option("paths", summarize_paths, "Report files or directories")->required();
    bool summarize_no_builtin = false;
    add_rules_options(*summarize_cmd, summarize_rules, summarize_no_builtin);
    std::vector<std::string> summarize_history;
    add_history_option(*summarize_cmd, summarize_history);
    summarize_cmd->add_option("-o,--output", summarize_output, "Write to FILE (atomically) instead of stdout");
    std::string summarize_config;
    summarize_cmd->add_option("--config", summarize_config,
                              "Configuration file (default: the nearest nianbao.toml next to the reports): its rule "
                              "sets, facts, per-agency facts and file globs apply");

    // config show
    auto* config_cmd = app.add_subcommand("config", "Work with the configuration (nianbao.toml).");
    config_cmd->require_subcommand(1);
    auto* config_show = config_cmd->add_subcommand(
        "show", "Print the effective configuration (for REPORT: its agency, matching entries, fact values).");
    std::string show_config, show_report;
    config_show->add_option("--config", show_config, "Configuration file (default: the nearest nianbao.toml)");
    config_show->add_option("report", show_report, "A report: the configuration that applies to it");

    // baseline write
    auto* baseline_cmd = app.add_subcommand("baseline", "Baselines: accept today's findings, report only new ones.");
    baseline_cmd->require_subcommand(1);
    auto* baseline_write = baseline_cmd->add_subcommand(
        "write", "Write the findings of PATH... as a baseline (JSON) for `check --baseline FILE`.");
    std::vector<std::string> baseline_paths, baseline_rules;
    std::string baseline_output, baseline_config, baseline_suppressions, baseline_today;
    baseline_write->add_option("paths", baseline_paths, "Report files or directories")->required();
    baseline_write->add_option("-o,--output", baseline_output, "Write the baseline to FILE (atomically) instead of stdout");
    bool baseline_no_builtin = false;
    add_rules_options(*baseline_write, baseline_rules, baseline_no_builtin);
    std::vector<std::string> baseline_history;
    add_history_option(*baseline_write, baseline_history);
    baseline_write->add_option("--config", baseline_config, "Configuration file (default: the nearest nianbao.toml)");
    baseline_write->add_option("--suppressions", baseline_suppressions, "Suppressions file (suppressed findings are left out)");
    baseline_write->add_option("--today", baseline_today, "The date suppressions expire against, YYYY-MM-DD");

    // test
    auto* test = app.add_subcommand(
        "test", "Run rule tests: sample reports with .expect files listing findings that must and must not appear "
                "(expect RULE [line N | at PLACE], PLACE as the text output names it: p4:19:21, 第4页第19行).");
    std::string test_dir = "rules/tests";
    std::vector<std::string> test_rules;
    test->add_option("dir", test_dir, "Directory of samples and .expect files, or one .expect file")
        ->capture_default_str();
    bool test_no_builtin = false;
    add_rules_options(*test, test_rules, test_no_builtin);

    // letters: check as `check` does, then one 整改通知 per agency into DIR
    auto* letters = app.add_subcommand(
        "letters", "Check reports as `check` does (same options, configuration, suppressions, baseline) and write "
                   "one findings letter (整改通知: self-contained HTML, printable on A4) per agency into DIR, with "
                   "index.html. A report without an agency, or unreadable, gets a letter of its own. Exit status as "
                   "`check`. See docs/cli.md, \"letters\".");
    WorkflowArgs letters_args;
    std::string letters_dir;
    bool letters_quiet = false;
    letters->add_option("paths", letters_args.paths, "Report files or directories")->required();
    letters->add_option("-o,--output", letters_dir, "Directory to write the letters and index.html into (created if "
                                                    "missing; other files in it are left alone)")
        ->required();
    add_rules_options(*letters, letters_args.rule_paths, letters_args.no_builtin);
    add_history_option(*letters, letters_args.history);
    letters->add_option("--config", letters_args.config, "Configuration file (default: the nearest nianbao.toml)");
    letters->add_option("--suppressions", letters_args.suppressions,
                        "Suppressions file (suppressed findings are not in the letters)");
    letters->add_option("--baseline", letters_args.baseline, "Leave out the findings this baseline has");
    letters->add_option("--today", letters_args.today, "The date suppressions expire against, YYYY-MM-DD");
    letters->add_option("-j,--jobs", jobs, "Reports checked in parallel")->capture_default_str();
    letters->add_flag("-q,--quiet", letters_quiet, "No progress line and no notes on stderr (skipped files)");

    // every usage error exits 2, as documented (CLI11's own codes are 105-109);
    // --help and --version exit 0
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }

    if (check->parsed() || baseline_write->parsed()) {
        const bool writing_baseline = baseline_write->parsed();
        WorkflowArgs wa;
        wa.paths = writing_baseline ? baseline_paths : check_paths;
        wa.history = writing_baseline ? baseline_history : check_history;
        wa.rule_paths = writing_baseline ? baseline_rules : rule_paths;
        wa.no_builtin = writing_baseline ? baseline_no_builtin : check_no_builtin;
        wa.config = writing_baseline ? baseline_config : check_config;
        wa.suppressions = writing_baseline ? baseline_suppressions : check_suppressions;
        wa.today = writing_baseline ? baseline_today : check_today;
        if (!writing_baseline) wa.baseline = check_baseline;
        Workflow wf;
        if (!prepare_workflow(wa, wf)) return 2;
        if (!output_spares_inputs(writing_baseline ? baseline_output : output, files_read(wf))) return 2;
        const auto& compiled = wf.compiled;
        std::vector<ReportResult> results = run_checks(wf, jobs, quiet);
        for (const auto& sk : wf.inputs.skipped) {  // listed in the output, not an error
            ReportResult r;
            r.path = sk.path;
            r.skipped = sk.reason;
            results.push_back(std::move(r));
        }
        if (writing_baseline) {
            for (const auto& r : results)
                if (r.error) std::cerr << r.error->path << ": error: " << r.error->reason << "\n";
            if (!write_output(baseline_output, render_baseline(results))) return 2;
            return nianbao::summarize(results).unreadable ? 2 : 0;
        }
        // SARIF keeps suppressed results (with `suppressions`), JUnit as skipped; the others show them on request
        if (format != "sarif" && format != "junit" && !show_suppressed) hide_suppressed(results);
        if (format == "csv" || format == "html")
            for (auto& r : results)
                for (auto& f : r.findings)
                    if (f.suppressed) f.message = "(suppressed: " + f.suppressed->justification + ") " + f.message;
        std::string text;
        if (format == "json")
            text = render_json(results);
        else if (format == "sarif")
            text = render_sarif(results, *compiled.library, wf.options.get());
        else if (format == "csv")
            text = render_csv(results, lang == "zh");
        else if (format == "html")
            text = render_html(results, compiled.library.get());
        else if (format == "junit")
            text = render_junit(results, *compiled.library, wf.options.get());
        else
            text = render_text(results, use_color(color, output));
        if (!write_output(output, text)) return 2;
        RunSummary s = nianbao::summarize(results);
        if (s.unreadable) return 2;
        return s.errors ? 1 : 0;
    }

    if (letters->parsed()) {
        Workflow wf;
        if (!prepare_workflow(letters_args, wf)) return 2;
        std::vector<ReportResult> results = run_checks(wf, jobs, letters_quiet, true);
        hide_suppressed(results);
        for (const auto& r : results) {
            if (r.error) std::cerr << r.error->path << ": error: " << r.error->reason << "\n";
            if (r.tool)  // the suppressions file's own findings are the supervisor's, not in any letter
                for (const auto& f : r.findings) std::cerr << render_text_finding(r, f);
        }
        std::vector<std::pair<std::string, std::string>> files;
        for (auto& lf : render_letters(results, *wf.compiled.library)) files.emplace_back(lf.name, std::move(lf.html));
        if (!write_directory(letters_dir, files, files_read(wf))) return 2;
        RunSummary s = nianbao::summarize(results);
        if (!letters_quiet)
            std::cerr << fmt::format("{}: {} letter{} and index.html for {} report{}\n", letters_dir, files.size() - 1,
                                     files.size() == 2 ? "" : "s", s.reports, s.reports == 1 ? "" : "s");
        return s.unreadable ? 2 : s.errors ? 1 : 0;
    }

    if (rules_check->parsed()) {
        auto loaded = load_rule_sources(rules_check_files, false);
        if (!loaded.ok()) return 2;
        std::size_t given = loaded.files.size();
        if (!no_builtin) add_builtin_bases(loaded.files);
        auto compiled = rules::compile_rules(loaded.files);
        std::cerr << rules::format_diagnostics(compiled.diagnostics);
        if (!compiled.ok()) return 2;
        std::cout << fmt::format("{} rule file{} OK\n", given, given == 1 ? "" : "s");
        return 0;
    }

    if (rules_export->parsed()) return export_builtin_rules(export_dir) ? 0 : 2;

    auto library_for = [](const std::vector<std::string>& paths, bool without_builtin) {
        rules::CompileResult r;
        auto loaded = load_rule_sources(paths, !without_builtin);
        if (!loaded.ok()) return r;
        r = rules::compile_rules(loaded.files);
        if (!r.diagnostics.empty()) std::cerr << rules::format_diagnostics(r.diagnostics);
        return r;
    };

    if (rules_list->parsed()) {
        auto compiled = library_for(list_rules, list_no_builtin);
        if (!compiled.ok()) return 2;
        std::cout << (list_format == "markdown" ? render_rule_catalogue(*compiled.library)
                                                : render_rule_list(*compiled.library));
        return 0;
    }

    if (config_show->parsed()) {
        WorkflowArgs wa;
        if (!show_report.empty()) wa.paths = {show_report};
        wa.config = show_config;
        wa.need_inputs = false;
        Workflow wf;
        if (!prepare_workflow(wa, wf)) return 2;
        std::optional<ReportResult> rep;
        if (!show_report.empty()) {
            Pipeline pipeline(*wf.compiled.library, wf.options);
            rep = pipeline.check_file(show_report);
            if (rep->error) {
                std::cerr << rep->error->path << ": error: " << rep->error->reason << "\n";
                return 2;
            }
        }
        std::cout << describe_config(wf.config, *wf.compiled.library, rep ? &*rep : nullptr);
        if (wf.suppressions)
            std::cout << fmt::format("  {} entr{}\n", wf.suppressions->entries.size(),
                                     wf.suppressions->entries.size() == 1 ? "y" : "ies");
        return 0;
    }

    if (explain->parsed()) {
        auto compiled = library_for(explain_rules, explain_no_builtin);
        if (!compiled.ok()) return 2;
        std::string text;
        if (!explain_rule(*compiled.library, explain_id, text)) {
            std::cerr << text;
            return 2;
        }
        std::cout << text;
        return 0;
    }

    if (extract->parsed() || summarize_cmd->parsed()) {
        // the tables as check binds them: same configuration (rule sets, facts, agencies, globs)
        const bool extracting = extract->parsed();
        WorkflowArgs wa;
        wa.paths = extracting ? extract_paths : summarize_paths;
        wa.history = extracting ? extract_history : summarize_history;
        wa.rule_paths = extracting ? extract_rules : summarize_rules;
        wa.no_builtin = extracting ? extract_no_builtin : summarize_no_builtin;
        wa.config = extracting ? extract_config : summarize_config;
        wa.need_suppressions = false;  // suppressions change findings, not what a table holds
        Workflow wf;
        if (!prepare_workflow(wa, wf)) return 2;
        if (!output_spares_inputs(extracting ? extract_output : summarize_output, files_read(wf))) return 2;
        for (const auto& sk : wf.inputs.skipped) std::cerr << sk.path << ": note: not checked: " << sk.reason << "\n";
        Pipeline pipeline(*wf.compiled.library, wf.options);
        std::vector<ReportResult> results = check_inputs(pipeline, wf.inputs, jobs, false, wf.history);
        for (const auto& r : results)
            if (r.error) std::cerr << r.error->path << ": error: " << r.error->reason << "\n";
        std::string text = !extracting                ? render_summary(results)
                           : extract_format == "json" ? render_extract_json(results)
                                                      : render_extract_csv(results);
        if (!write_output(extracting ? extract_output : summarize_output, text)) return 2;
        return std::any_of(results.begin(), results.end(), [](const ReportResult& r) { return r.error.has_value(); })
                   ? 2
                   : 0;
    }

    if (test->parsed()) {
        auto compiled = library_for(test_rules, test_no_builtin);
        if (!compiled.ok()) return 2;
        return run_rule_tests(*compiled.library, test_dir, std::cout) ? 0 : 1;
    }
    return 0;
}

}  // namespace
