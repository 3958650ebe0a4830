#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "render/json_parts.hpp"
#include "render/render.hpp"

#ifndef NIANBAO_VERSION
#define NIANBAO_VERSION "0.1.0"
#endif

namespace nianbao {

std::string render_json(const std::vector<ReportResult>& results) {
    using json = nlohmann::ordered_json;
    json reports = json::array();
    for (const auto& r : results) {
        json rep;
        rep["file"] = r.path;
        if (r.error) {
            rep["error"] = r.error->reason;
            reports.push_back(std::move(rep));
            continue;
        }
        if (r.skipped) {  // not checked: listed, not an error
            rep["skipped"] = "not checked: " + *r.skipped;
            reports.push_back(std::move(rep));
            continue;
        }
        if (r.tool) rep["kind"] = "suppressions";
        rep["encoding"] = r.source ? r.source->encoding() : "";
        if (r.source && r.source->kind() != "text") rep["input"] = r.source->kind();
        add_report_facts(rep, r);
        json fs = json::array();
        for (const auto& f : r.findings) {
            json j;
            j["rule"] = f.rule;
            j["severity"] = std::string(to_string(f.severity));
            j["status"] = f.not_assessable ? "not-assessable" : "failed";
            j["message"] = f.message;
            j["file"] = r.path;
            j["line"] = f.pos.line;
            j["column"] = f.pos.column;
            j["end_line"] = f.end.line;
            j["end_column"] = f.end.column;
            j["place"] = finding_place(r, f);  // as the text output names it: the original file's place
            if (f.origin && r.source) {
                // line/column above are in the text rendering; this is the original file.
                if (f.origin->page > 0) j["page"] = f.origin->page;
                json o;
                o["kind"] = r.source->kind();
                o["line"] = f.origin->line;
                o["column"] = f.origin->column;
                if (f.origin->page > 0) o["page"] = f.origin->page;
                if (!f.origin->where.empty()) o["where"] = f.origin->where;
                j["origin"] = std::move(o);
            }
            j["title"] = f.title;
            j["source"] = f.source;
            j["ruleset"] = f.ruleset;
            json values = json::object();
            for (const auto& [k, v] : f.values) values[k] = v;
            j["values"] = std::move(values);
            if (!f.cells.empty()) {
                // the table cells the finding is about: where it is placed ("at"), and what the rule read
                json cells = json::array();
                for (const auto& c : f.cells) {
                    json cj = {{"table", c.table}, {"row", c.row},
                               {"column", c.column.empty() ? json(nullptr) : json(c.column)},
                               {"role", c.at ? "at" : "operand"}};
                    if (c.pos.line) {
                        cj["line"] = c.pos.line;
                        cj["col"] = c.pos.column;
                    }
                    cells.push_back(std::move(cj));
                }
                j["cells"] = std::move(cells);
            }
            if (!f.related.empty()) {
                // places in other reports the finding names (the other year's cell, a shared passage)
                json rel = json::array();
                for (const auto& rl : f.related) {
                    json rj = {{"file", rl.path}, {"line", rl.pos.line}, {"column", rl.pos.column}, {"message", rl.message}};
                    if (rl.origin) {
                        json o = {{"line", rl.origin->line}, {"column", rl.origin->column}};
                        if (rl.origin->page > 0) o["page"] = rl.origin->page;
                        if (!rl.origin->where.empty()) o["where"] = rl.origin->where;
                        rj["origin"] = std::move(o);
                    }
                    rel.push_back(std::move(rj));
                }
                j["related"] = std::move(rel);
            }
            if (!r.copy_of.empty()) j["copy_of"] = r.copy_of;
            if (r.source) j["snippet"] = std::string(r.source->line_text(f.pos.line));
            if (f.suppressed)
                j["suppressed"] = {{"justification", f.suppressed->justification},
                                   {"file", f.suppressed->file},
                                   {"line", f.suppressed->line}};
            fs.push_back(std::move(j));
        }
        rep["findings"] = std::move(fs);
        rep["tables"] = tables_json(r);
        reports.push_back(std::move(rep));
    }
    RunSummary s = summarize(results);
    json out;
    out["tool"] = {{"name", "nianbao"}, {"version", NIANBAO_VERSION}};
    out["reports"] = std::move(reports);
    out["summary"] = {{"reports", s.reports}, {"unreadable", s.unreadable}, {"errors", s.errors},
                      {"warnings", s.warnings}, {"info", s.infos}, {"not_assessable", s.notes}};
    if (s.suppressed) out["summary"]["suppressed"] = s.suppressed;
    if (s.baselined) out["summary"]["baselined"] = s.baselined;
    if (s.skipped) out["summary"]["not_checked"] = s.skipped;
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace nianbao
