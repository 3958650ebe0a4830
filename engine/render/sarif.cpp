// SARIF 2.1.0 output (docs/output-formats.md, "SARIF").
#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "core/utf8.hpp"
#include "render/json_parts.hpp"
#include "render/render.hpp"

#ifndef NIANBAO_VERSION
#define NIANBAO_VERSION "0.1.0"
#endif

namespace nianbao {

namespace {

using json = nlohmann::ordered_json;

// FNV-1a, 64 bits: small, stable across platforms and runs.
std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// A URI reference for a path: relative paths stay relative; every byte that is
// not unreserved (RFC 3986) or '/' is percent-encoded (Chinese file names too).
std::string path_uri(const std::string& path) {
    std::string out;
    bool absolute = !path.empty() && path[0] == '/';
    if (absolute) out = "file://";
    for (unsigned char c : path) {
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_' || c == '~' || c == '/';
        if (keep)
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

const char* sarif_level(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "note";
        case Severity::note: return "none";
    }
    return "warning";
}

json rule_descriptor(const rules::RuleDecl& r, const CheckOptions* options) {
    json d;
    d["id"] = r.id;
    // SARIF 3.49.7: name is for people and must differ from the id; the title is what people read
    d["name"] = r.title.value.empty() ? r.id + " rule" : r.title.value;
    d["shortDescription"] = {{"text", r.title.value}};
    d["fullDescription"] = {{"text", r.explain ? r.explain->value : r.title.value}};
    std::string help = r.title.value + "\n";
    if (r.explain) help += "\n" + r.explain->value + "\n";
    if (r.source) help += "\n依据 (source): " + r.source->value + "\n";
    for (const auto& g : r.good) help += "\n符合 (good): " + g.value + "\n";
    for (const auto& b : r.bad) help += "\n不符合 (bad): " + b.value + "\n";
    help += "\nrule set: " + r.ruleset + "; nianbao explain " + r.id + "\n";
    d["help"] = {{"text", help}};
    // SARIF 3.50: the configuration in effect for this run (nianbao.toml may change a rule's severity or turn it off)
    Severity sev = r.severity;
    if (options)
        if (auto it = options->severity.find(r.id); it != options->severity.end()) sev = it->second;
    d["defaultConfiguration"] = {{"level", sarif_level(sev)}};
    if (options && options->disabled.count(r.id)) d["defaultConfiguration"]["enabled"] = false;
    json props;
    props["ruleset"] = r.ruleset;
    if (r.source) props["source"] = r.source->value;
    props["severity"] = std::string(to_string(sev));
    if (sev != r.severity) props["declaredSeverity"] = std::string(to_string(r.severity));
    props["tags"] = json::array({r.ruleset});
    d["properties"] = std::move(props);
    return d;
}

}  // namespace

std::string finding_fingerprint(const std::string& file, const Finding& f, std::size_t occurrence) {
    std::uint64_t h = fnv1a(f.rule);
    h = fnv1a(std::string_view("\0", 1), h);
    h = fnv1a(file, h);
    h = fnv1a(std::string_view("\0", 1), h);
    h = fnv1a(f.message, h);
    for (const auto& [k, v] : f.values) {
        h = fnv1a(std::string_view("\0", 1), h);
        h = fnv1a(k, h);
        h = fnv1a(std::string_view("=", 1), h);
        h = fnv1a(v, h);
    }
    return fmt::format("{:016x}:{}", h, occurrence + 1);
}

std::string render_sarif(const std::vector<ReportResult>& results, const rules::RuleLibrary& library,
                         const CheckOptions* options) {
    json rules_json = json::array();
    std::map<std::string, std::size_t> rule_index;
    for (const auto* r : library.all_rules()) {
        rule_index.emplace(r->id, rules_json.size());
        rules_json.push_back(rule_descriptor(*r, options));
    }
    // A finding of a rule the library does not know (should not happen): describe it from the finding.
    for (const auto& rep : results) {
        for (const auto& f : rep.findings) {
            if (rule_index.count(f.rule)) continue;
            rule_index.emplace(f.rule, rules_json.size());
            json d;
            d["id"] = f.rule;
            d["name"] = f.title.empty() ? f.rule + " rule" : f.title;
            d["shortDescription"] = {{"text", f.title.empty() ? f.rule : f.title}};
            d["defaultConfiguration"] = {{"level", sarif_level(f.severity)}};
            rules_json.push_back(std::move(d));
        }
    }

    json artifacts = json::array();
    json results_json = json::array();
    json notifications = json::array();
    for (std::size_t ai = 0; ai < results.size(); ++ai) {
        const ReportResult& rep = results[ai];
        std::string uri = path_uri(rep.path);
        json art;
        art["location"] = {{"uri", uri}};
        if (rep.error) {
            art["properties"] = {{"error", rep.error->reason}};
            artifacts.push_back(std::move(art));
            json n;
            n["level"] = "error";
            n["message"] = {{"text", rep.error->reason}};
            n["descriptor"] = {{"id", "unreadable-report"}, {"index", 0}};
            n["locations"] = json::array(
                {{{"physicalLocation", {{"artifactLocation", {{"uri", uri}, {"index", ai}}}}}}});
            notifications.push_back(std::move(n));
            continue;
        }
        if (rep.skipped) {  // a file not checked: a note, not a failure of the run
            art["properties"] = {{"notChecked", *rep.skipped}};
            artifacts.push_back(std::move(art));
            notifications.push_back({{"level", "note"},
                                     {"message", {{"text", "not checked: " + *rep.skipped}}},
                                     {"descriptor", {{"id", "not-checked"}, {"index", 1}}},
                                     {"locations", json::array({{{"physicalLocation",
                                                                  {{"artifactLocation", {{"uri", uri}, {"index", ai}}}}}}})}});
            continue;
        }
        if (rep.source) art["encoding"] = rep.source->encoding();
        json aprops;
        add_report_facts(aprops, rep);
        art["properties"] = std::move(aprops);
        artifacts.push_back(std::move(art));

        std::map<std::string, std::size_t> seen;  // fingerprint base -> occurrences so far
        for (const auto& f : rep.findings) {
            json res;
            res["ruleId"] = f.rule;
            res["ruleIndex"] = rule_index.at(f.rule);
            if (f.not_assessable) {
                // SARIF 3.27.9: "open" = the tool could not decide whether there is a
                // problem; any kind other than "fail" requires level "none" (3.27.10).
                res["kind"] = "open";
                res["level"] = "none";
            } else {
                res["kind"] = "fail";
                res["level"] = sarif_level(f.severity);
            }
            res["message"] = {{"text", f.message}};
            json phys;
            phys["artifactLocation"] = {{"uri", uri}, {"index", ai}};
            if (f.pos.line > 0) {
                LineCol end = f.end.line > 0 ? f.end : f.pos;
                json region;
                json ctx;
                region["startLine"] = f.pos.line;
                region["startColumn"] = f.pos.column;
                region["endLine"] = end.line;
                region["endColumn"] = end.column;
                if (rep.source) {
                    const std::string& text = rep.source->text();
                    Span sp = f.span;
                    if (sp.end > text.size()) sp.end = static_cast<std::uint32_t>(text.size());
                    if (sp.begin > sp.end) sp.begin = sp.end;
                    region["snippet"] = {{"text", text.substr(sp.begin, sp.size())}};
                    // the whole line(s) around the region, unless the region is exactly that
                    std::uint32_t last = end.line;
                    if (last > f.pos.line && end.column == 1) --last;  // ends at the start of a line
                    if (last > rep.source->line_count()) last = rep.source->line_count();
                    std::string lines;
                    for (std::uint32_t l = f.pos.line; l <= last && l >= 1; ++l) {
                        if (l > f.pos.line) lines += "\n";
                        lines += rep.source->line_text(l);
                    }
                    std::uint32_t last_len = static_cast<std::uint32_t>(
                        utf8::length(last >= 1 ? rep.source->line_text(last) : std::string_view{}));
                    bool whole = f.pos.column == 1 && ((end.line == last && end.column == last_len + 1) ||
                                                       (end.line == last + 1 && end.column == 1));
                    if (!whole && last >= f.pos.line) {
                        ctx["startLine"] = f.pos.line;
                        ctx["endLine"] = last;
                        ctx["snippet"] = {{"text", lines}};
                    }
                }
                phys["region"] = std::move(region);
                if (!ctx.is_null()) phys["contextRegion"] = std::move(ctx);
            }
            res["locations"] = json::array({{{"physicalLocation", std::move(phys)}}});
            // SARIF 3.27.22: the other table cells the rule read (the identity's operands)
            json related = json::array();
            for (const auto& c : f.cells) {
                if (c.at || c.pos.line == 0) continue;
                std::string name = c.table + "[" + c.row + (c.column.empty() ? "" : ", " + c.column) + "]";
                related.push_back({{"id", related.size()},
                                   {"physicalLocation",
                                    {{"artifactLocation", {{"uri", uri}, {"index", ai}}},
                                     {"region", {{"startLine", c.pos.line}, {"startColumn", c.pos.column}}}}},
                                   {"message", {{"text", name}}}});
            }
            // places in other reports: the previous year's cell compared with, another report's passage
            for (const auto& rl : f.related) {
                json region = {{"startLine", rl.pos.line}, {"startColumn", std::max<std::uint32_t>(rl.pos.column, 1)}};
                json loc = {{"id", related.size()},
                            {"physicalLocation", {{"artifactLocation", {{"uri", path_uri(rl.path)}}}, {"region", region}}},
                            {"message", {{"text", rl.message}}}};
                if (rl.origin) {
                    json o = {{"line", rl.origin->line}, {"column", rl.origin->column}};
                    if (rl.origin->page > 0) o["page"] = rl.origin->page;
                    if (!rl.origin->where.empty()) o["where"] = rl.origin->where;
                    loc["properties"] = {{"origin", std::move(o)}};
                }
                related.push_back(std::move(loc));
            }
            if (!related.empty()) res["relatedLocations"] = std::move(related);
            std::string base = finding_fingerprint(rep.path, f, 0);
            std::size_t occ = seen[base]++;
            res["partialFingerprints"] = {{"nianbao/v1", finding_fingerprint(rep.path, f, occ)}};
            json props;
            props["title"] = f.title;
            props["source"] = f.source;
            props["ruleset"] = f.ruleset;
            props["severity"] = std::string(to_string(f.severity));
            props["status"] = f.not_assessable ? "not-assessable" : "failed";
            json values = json::object();
            for (const auto& [k, v] : f.values) values[k] = v;
            props["values"] = std::move(values);
            res["properties"] = std::move(props);
            if (f.suppressed) {
                // SARIF 3.35: the result stays, marked as suppressed outside the analysed file
                json sup;
                sup["kind"] = "external";
                sup["status"] = "accepted";
                sup["justification"] = f.suppressed->justification;
                sup["location"] = {{"physicalLocation",
                                    {{"artifactLocation", {{"uri", path_uri(f.suppressed->file)}}},
                                     {"region", {{"startLine", f.suppressed->line}}}}}};
                res["suppressions"] = json::array({std::move(sup)});
            }
            results_json.push_back(std::move(res));
        }
    }

    RunSummary s = summarize(results);
    json driver;
    driver["name"] = "nianbao";
    driver["fullName"] = "nianbao 政府信息公开工作年度报告 checker";
    driver["version"] = NIANBAO_VERSION;
    driver["semanticVersion"] = NIANBAO_VERSION;
    driver["language"] = "zh-CN";
    driver["rules"] = std::move(rules_json);
    driver["notifications"] = json::array(
        {{{"id", "unreadable-report"},
          {"name", "UnreadableReport"},
          {"shortDescription", {{"text", "A report could not be read (encoding, binary, empty, too large, missing)."}}},
          {"defaultConfiguration", {{"level", "error"}}}},
         {{"id", "not-checked"},
          {"name", "NotChecked"},
          {"shortDescription", {{"text", "A file met in a directory was not checked (a type nianbao does not read)."}}},
          {"defaultConfiguration", {{"level", "note"}}}}});

    json invocation;
    invocation["executionSuccessful"] = s.unreadable == 0;
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

    json run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["invocations"] = json::array({std::move(invocation)});
    run["language"] = "zh-CN";
    run["columnKind"] = "unicodeCodePoints";
    run["artifacts"] = std::move(artifacts);
    run["results"] = std::move(results_json);
    run["properties"] = {{"summary",
                          {{"reports", s.reports},
                           {"unreadable", s.unreadable},
                           {"errors", s.errors},
                           {"warnings", s.warnings},
                           {"info", s.infos},
                           {"notAssessable", s.notes}}}};
    if (s.skipped) run["properties"]["summary"]["notChecked"] = s.skipped;

    json out;
    out["$schema"] = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    out["version"] = "2.1.0";
    out["runs"] = json::array({std::move(run)});
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace nianbao
