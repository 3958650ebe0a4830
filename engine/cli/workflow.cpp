#include "cli/workflow.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <tuple>

namespace fs = std::filesystem;

namespace nianbao {

namespace {
// Whether an existing file looks like an output of `nianbao check` (any
// format): met in a directory walked (the -o FILE of an earlier run, say), it
// is no report.  A report named as -o FILE stays an input (and
// output_spares_inputs refuses to write over it).
bool written_by_nianbao(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    const std::string first = head.substr(0, head.find('\n'));
    auto starts = [&](std::string_view p) { return head.rfind(p, 0) == 0; };
    if (starts("\xEF\xBB\xBF" "file,agency,") || starts("\xEF\xBB\xBF" "文件,机关,")) return true;  // csv
    if (starts("# ") && (first.find(" [format: ") != std::string::npos || first.find(" [suppressions]") != std::string::npos))
        return true;  // text
    if (starts("checked ")) return true;  // text, nothing checked
    // json, sarif, html, junit name the tool near their start
    return head.find("\"nianbao\"") != std::string::npos || head.find("content=\"nianbao ") != std::string::npos;
}
}  // namespace

bool prepare_workflow(const WorkflowArgs& args, Workflow& wf) {
    std::vector<std::string> errors;
    auto fail = [&] {
        for (const auto& e : errors) std::cerr << e << "\n";
        return false;
    };
    // the configuration: --config, else the nearest nianbao.toml of the reports
    std::string cfg_path = args.config;
    if (cfg_path.empty()) {
        if (args.paths.empty()) {
            cfg_path = find_config(".");
        } else {
            cfg_path = find_config(args.paths.front());
            for (const auto& p : args.paths) {
                std::string other = find_config(p);
                if (other != cfg_path) {
                    errors.push_back(fmt::format(
                        "error: the reports given use different configuration files ({} for {}, {} for {}); check "
                        "them separately or choose one with --config FILE",
                        cfg_path.empty() ? "none" : cfg_path, args.paths.front(), other.empty() ? "none" : other, p));
                    return fail();
                }
            }
        }
    }
    // a FIFO or device named as a file to read would block the run: refused on its status
    auto special = [&](const std::string& path) {
        auto why = special_file_reason(path);
        if (why) errors.push_back(fmt::format("{}: error: {}", path, *why));
        return why.has_value();
    };
    if (!cfg_path.empty()) {
        if (special(cfg_path)) return fail();
        auto cfg = load_config(cfg_path, errors);
        if (!cfg) return fail();
        wf.config = std::move(*cfg);
        wf.other_files.push_back(cfg_path);
    }

    // rule files: --rules, else the configuration's; over the built-in rule sets
    // (a file declaring a built-in rule set's name replaces it) unless --no-builtin
    std::vector<std::string> rule_paths = args.rule_paths;
    if (rule_paths.empty())
        for (const auto& e : wf.config.rules) rule_paths.push_back(e.value);
    auto loaded = load_rule_sources(rule_paths, !args.no_builtin);
    if (!loaded.ok()) return false;
    for (const auto& f : loaded.files)
        if (f->path().rfind("<builtin>/", 0) != 0) wf.other_files.push_back(f->path());
    wf.compiled = rules::compile_rules(loaded.files);
    if (!wf.compiled.diagnostics.empty()) std::cerr << rules::format_diagnostics(wf.compiled.diagnostics);
    if (!wf.compiled.ok()) return false;
    wf.options = make_check_options(wf.config, *wf.compiled.library, errors);
    if (!wf.options) return fail();

    // today
    wf.today = args.today.empty() ? system_today() : args.today;
    if (!valid_date(wf.today)) {
        errors.push_back(fmt::format("error: --today {}: expected a date YYYY-MM-DD", args.today));
        return fail();
    }

    // inputs; the configuration's (or the default) globs filter the files found in directories
    std::vector<bool> walked;  // per wf.inputs.files: found in a directory (nianbao's own files are left out below)
    if (args.need_inputs) {
        for (const auto& p : args.paths) {
            InputList one = collect_inputs({p});
            std::error_code ec;
            if (!fs::is_directory(p, ec)) {  // named: always checked
                for (auto& f : one.files) wf.inputs.files.push_back(std::move(f));
                walked.resize(wf.inputs.files.size(), false);
                for (auto& e : one.errors) wf.inputs.errors.push_back(std::move(e));
                continue;
            }
            const fs::path base = wf.config.path.empty() ? fs::path(p) : wf.config.dir;
            auto excluded = [&](const fs::path& f) { return file_excluded(wf.config, relative_to(f, base)); };
            auto wanted = [&](const fs::path& f) { return !excluded(f) && file_included(wf.config, relative_to(f, base)); };
            for (auto& f : one.files)
                if (wanted(f)) wf.inputs.files.push_back(std::move(f));
            walked.resize(wf.inputs.files.size(), true);
            for (auto& e : one.errors)  // e.g. a FIFO met in a directory
                if (wanted(e.path)) wf.inputs.errors.push_back(std::move(e));
            for (auto& n : one.skipped)  // the configuration file itself is no report: not listed
                if (fs::path(n.path).filename() != "nianbao.toml" && !excluded(n.path))
                    wf.inputs.skipped.push_back(std::move(n));
        }
    }

    // --history: every report file under each path; one that cannot be listed is an error
    for (const auto& p : args.history) {
        std::error_code ec;
        if (!fs::exists(p, ec)) {
            errors.push_back(fmt::format("error: --history {}: no such file or directory", p));
            return fail();
        }
        InputList h = collect_inputs({p});
        for (auto& f : h.files) wf.history.push_back(std::move(f));
        for (const auto& e : h.errors) {
            errors.push_back(fmt::format("{}: error: {} (--history)", e.path, e.reason));
            return fail();
        }
    }

    // suppressions: --suppressions, else the configuration's
    std::string sup = args.suppressions;
    if (sup.empty() && wf.config.suppressions) sup = wf.config.suppressions->value;
    if (!sup.empty() && args.need_suppressions) {
        if (special(sup)) return fail();
        auto sf = load_suppressions(sup, errors);
        if (!sf) return fail();
        wf.suppressions = std::move(*sf);
        wf.other_files.push_back(sup);
    }
    if (!args.baseline.empty()) {
        if (special(args.baseline)) return fail();
        auto b = load_baseline(args.baseline, errors);
        if (!b) return fail();
        wf.baseline = std::move(*b);
        wf.other_files.push_back(args.baseline);
    }
    // a file of nianbao's own met in a directory is no report (named ones are checked, and refused as -o)
    std::vector<fs::path> files;
    auto same = [](const fs::path& a, const std::string& b) {
        std::error_code ec;
        return fs::equivalent(a, b, ec) && !ec;
    };
    for (std::size_t i = 0; i < wf.inputs.files.size(); ++i) {
        const fs::path& f = wf.inputs.files[i];
        const bool is_own =
            walked[i] && std::any_of(wf.other_files.begin(), wf.other_files.end(), [&](const auto& o) { return same(f, o); });
        if (!is_own && walked[i] && written_by_nianbao(f)) {  // e.g. the -o FILE of an earlier run: listed, not checked
            wf.inputs.skipped.push_back(InputError{f.string(), "an output of nianbao check"});
            continue;
        }
        if (!is_own) files.push_back(std::move(wf.inputs.files[i]));
    }
    wf.inputs.files = std::move(files);
    std::sort(wf.inputs.skipped.begin(), wf.inputs.skipped.end(),
              [](const InputError& a, const InputError& b) { return a.path < b.path; });
    return true;
}

std::vector<fs::path> files_read(const Workflow& wf) {
    std::vector<fs::path> out = wf.inputs.files;
    out.insert(out.end(), wf.other_files.begin(), wf.other_files.end());
    return out;
}

void finish_workflow(const Workflow& wf, std::vector<ReportResult>& results) {
    if (wf.suppressions) {
        if (auto own = apply_suppressions(*wf.suppressions, results, wf.today)) results.push_back(std::move(*own));
    }
    if (wf.baseline) apply_baseline(*wf.baseline, results);
}

void warn_pattern_limits(const std::vector<ReportResult>& results) {
    using Key = std::tuple<std::string, std::uint32_t, std::uint32_t, std::string, std::string>;
    std::map<Key, std::vector<std::string>> hits;  // in rule-file order
    for (const auto& r : results)
        for (const auto& p : r.pattern_limits)
            hits[Key{p.file, p.pos.line, p.pos.column, p.rule, p.pattern}].push_back(r.path);
    for (const auto& [k, reports] : hits) {
        const auto& [file, line, col, rule, pattern] = k;
        std::string named;
        for (std::size_t i = 0; i < reports.size() && i < 3; ++i) named += (i ? ", " : "") + reports[i];
        if (reports.size() > 3) named += fmt::format(" and {} more", reports.size() - 3);
        std::cerr << fmt::format(
            "{}:{}:{}: warning: the pattern /{}/ stopped at the match time or backtracking limit on {} report{} "
            "({}); there the rule is not assessable: rewrite it without nested repetition such as (a+)+ [{}]\n",
            file, line, col, pattern, reports.size(), reports.size() == 1 ? "" : "s", named, rule);
    }
}

}  // namespace nianbao
