// `nianbao extract`: every bound table cell of every report, as CSV or JSON,
// for building county totals (汇总) and comparing agencies.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "render/json_parts.hpp"
#include "render/render.hpp"

namespace nianbao {


std::string render_extract_csv(const std::vector<ReportResult>& results) {
    // UTF-8 with BOM and CRLF, so that Excel and WPS open it correctly by double-click
    std::string out = "\xEF\xBB\xBF";
    out += "file,agency,year,table,row,row_label,column,column_label,state,value,note,unit,line,col\r\n";
    for (const auto& r : results) {
        if (r.error) continue;
        for (const auto& t : r.tables) {
            for (const auto& row : t.rows) {
                for (const auto& c : row.cells) {
                    std::vector<std::string> text{r.path, r.fact("agency"), r.fact("year"), t.name, row.name, row.label,
                                                  c.column, c.column_label, c.state};
                    std::string line;
                    for (const auto& f : text) line += csv_text_cell(f) + ",";
                    line += (c.state == "number" ? csv_cell(c.value) : csv_text_cell(c.value)) + ",";
                    line += csv_text_cell(c.note) + "," + csv_text_cell(c.unit) + ",";
                    line += c.pos.line ? std::to_string(c.pos.line) + "," + std::to_string(c.pos.column) : ",";
                    out += line;
                    out += "\r\n";
                }
            }
        }
    }
    return out;
}

nlohmann::ordered_json tables_json(const ReportResult& r) {
    using json = nlohmann::ordered_json;
    json tables = json::array();
    for (const auto& t : r.tables) {
        json jt;
        jt["table"] = t.name;
        if (!t.title.empty()) jt["title"] = t.title;
        jt["ruleset"] = t.ruleset;
        jt["found"] = t.found;
        if (!t.found) jt["reason"] = t.reason;
        json rows = json::array();
        for (const auto& row : t.rows) {
            json jr;
            jr["row"] = row.name;
            jr["label"] = row.label;
            jr["found"] = row.found;
            if (row.found) {
                jr["match"] = row.match;
                jr["line"] = row.pos.line;
                jr["column"] = row.pos.column;
            }
            if (!row.problem.empty()) jr["problem"] = row.problem;
            json cells = json::array();
            for (const auto& c : row.cells) {
                json jc;
                jc["column"] = c.column;
                jc["state"] = c.state;
                jc["value"] = c.value;
                if (!c.note.empty()) jc["note"] = c.note;
                if (!c.unit.empty()) jc["unit"] = c.unit;
                if (c.pos.line) {
                    jc["line"] = c.pos.line;
                    jc["col"] = c.pos.column;
                }
                cells.push_back(std::move(jc));
            }
            jr["cells"] = std::move(cells);
            rows.push_back(std::move(jr));
        }
        jt["rows"] = std::move(rows);
        tables.push_back(std::move(jt));
    }
    return tables;
}

void add_report_facts(nlohmann::ordered_json& j, const ReportResult& r) {
    using json = nlohmann::ordered_json;
    j["format"] = r.formats;
    j["rulesets"] = r.rulesets;
    j["year"] = r.fact("year").empty() ? json(nullptr) : json(r.fact("year"));
    j["agency"] = r.fact("agency").empty() ? json(nullptr) : json(r.fact("agency"));
    json facts = json::object();
    for (const auto& [k, v] : r.facts) facts[k] = v;
    j["facts"] = std::move(facts);
}

std::string render_extract_json(const std::vector<ReportResult>& results) {
    using json = nlohmann::ordered_json;
    json reports = json::array();
    for (const auto& r : results) {
        json jr;
        jr["file"] = r.path;
        if (r.error) {
            jr["error"] = r.error->reason;
        } else {
            jr["agency"] = r.fact("agency");
            jr["year"] = r.fact("year");
            jr["format"] = r.formats;
            jr["tables"] = tables_json(r);
        }
        reports.push_back(std::move(jr));
    }
    json out;
    out["reports"] = std::move(reports);
    return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace nianbao
