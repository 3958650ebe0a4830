#include "cli/workflow.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <tuple>

namespace fs = std::filesystem;

namespace nianbao {

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

    // inputs; the configuration's globs filter the files found in directories
    if (args.need_inputs) {
        for (const auto& p : args.paths) {
            InputList one = collect_inputs({p});
            std::error_code ec;
            const bool walked = fs::is_directory(p, ec);
            auto wanted = [&](const fs::path& f) {
                if (!walked || wf.config.path.empty()) return true;
                const std::string rel = relative_to(f, wf.config.dir);
                bool keep = wf.config.include.empty();
                for (const auto& g : wf.config.include) keep = keep || glob_match(g.value, rel);
                for (const auto& g : wf.config.exclude) keep = keep && !glob_match(g.value, rel);
                return keep;
            };
            for (auto& f : one.files)
                if (wanted(f)) wf.inputs.files.push_back(std::move(f));
            for (auto& e : one.errors)  // e.g. a FIFO met in a directory
                if (wanted(e.path)) wf.inputs.errors.push_back(std::move(e));
            for (auto& n : one.notes)  // the configuration file itself is no report: no "skipped" note
                if (n.find("nianbao.toml: note:") == std::string::npos) wf.inputs.notes.push_back(std::move(n));
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
