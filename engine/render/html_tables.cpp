// One report's tables in the HTML report (docs/output-formats.md, "HTML").
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "render/html_parts.hpp"

namespace nianbao::html {

// The report's tables as bound: every cell as read; the cells findings are
// placed at marked `fail` (a row's label, when the finding is about the row),
// the other cells their rules read marked `operand`; under each table its
// findings with the identity (the rule's explanation) and the numbers (the
// message).  A table that was not read says so: its identities are not
// assessable, not passed.
std::string report_tables(const ReportResult& r, std::size_t rn, const rules::RuleLibrary* library) {
    if (r.tables.empty()) return "";
    struct CellMarks {
        std::optional<Severity> fail, operand;
        std::vector<std::size_t> findings;  // indexes into r.findings placed at this cell
    };
    auto worse = [](std::optional<Severity>& slot, Severity s) {
        if (!slot || s < *slot) slot = s;
    };
    std::string out =
        "<div class=\"tables\">\n<h3>表格 Tables</h3>\n<div class=\"legend-cells\">"
        "<span style=\"background:#fbd5d2;box-shadow:inset 0 0 0 2px var(--error)\">1</span>问题所在单元格 the cell a "
        "finding is at<span style=\"box-shadow:inset 0 0 0 2px #eea39c\">1</span>该规则读取的单元格 cells the rule read"
        "<span style=\"background:repeating-linear-gradient(135deg,#fff 0 4px,#efefea 4px 8px)\">&nbsp;</span>"
        "空白（不计为0）blank, not 0<span style=\"color:#a3a3a3\">?</span>未读到 not read</div>\n";
    for (std::size_t ti = 0; ti < r.tables.size(); ++ti) {
        const ExtractedTable& t = r.tables[ti];
        // the findings about this table, and the cells they mark, by (row, column); column "" is the row's label
        std::map<std::pair<std::string, std::string>, CellMarks> marks;
        std::vector<std::size_t> about;
        for (std::size_t i = 0; i < r.findings.size(); ++i) {
            const Finding& f = r.findings[i];
            bool mine = false;
            for (const auto& c : f.cells) {
                if (c.table != t.name) continue;
                mine = true;
                CellMarks& m = marks[{c.row, c.column}];
                if (c.at) {
                    worse(m.fail, f.severity);
                    if (std::find(m.findings.begin(), m.findings.end(), i) == m.findings.end()) m.findings.push_back(i);
                } else {
                    worse(m.operand, f.severity);
                }
            }
            if (mine) about.push_back(i);
        }
        // a marked cell's class, its finding numbers (links to the list under the table) and their messages
        auto marked = [&](const std::string& row, const std::string& column, std::string& cls, std::string& tip) {
            auto m = marks.find({row, column});
            if (m == marks.end()) return std::string();
            if (!m->second.fail) {
                if (m->second.operand) cls += fmt::format(" operand {}", sev_class(*m->second.operand));
                return std::string();
            }
            cls += fmt::format(" fail {}", sev_class(*m->second.fail));
            std::string sups;
            for (std::size_t i : m->second.findings) {
                sups += fmt::format("<a href=\"#r{}-t{}-f{}\">{}</a>", rn, ti + 1, i + 1, i + 1);
                tip += (tip.empty() ? "[" : "\n[") + r.findings[i].rule + "] " + r.findings[i].message;
            }
            return "<sup>" + sups + "</sup>";
        };

        Counts c{};
        for (std::size_t i : about) ++c[sev_index(r.findings[i].severity)];
        std::string count;
        if (!t.found) count = "<span class=\"badge sev-note\">未能读取 not read</span>";
        for (Severity sv : kSeverities)
            if (c[sev_index(sv)])
                count += fmt::format("<span class=\"badge {}\">{} {}</span>", sev_class(sv), sev_label(sv),
                                     c[sev_index(sv)]);
        if (count.empty()) count = "无问题 no findings";
        bool open = !about.empty() || !t.found;
        out += fmt::format("<details class=\"rtable\" id=\"r{}-t{}\" data-table=\"{}\"{}><summary>{}"
                           "<span class=\"tname\">{}</span><span class=\"count\">{}</span></summary>\n",
                           rn, ti + 1, html_escape(t.name), open ? " open" : "",
                           html_escape(t.title.empty() ? t.name : t.title), html_escape(t.name), count);
        if (!t.found) {
            out += "<p class=\"table-state not-read\">未能读取此表（" + html_escape(t.reason) +
                   "）：表内勾稽关系无法核对，不是“全部通过”。The table was not read: its identities are not "
                   "assessable, not passed.</p>\n";
        } else {
            // columns in the order first met, with their labels
            std::vector<std::pair<std::string, std::string>> cols;
            for (const auto& row : t.rows)
                for (const auto& cell : row.cells)
                    if (std::none_of(cols.begin(), cols.end(), [&](const auto& p) { return p.first == cell.column; }))
                        cols.emplace_back(cell.column, cell.column_label);
            out += "<div class=\"table-scroll\"><table class=\"report-table\"><thead><tr><th>行 row</th>";
            for (const auto& [name, label] : cols)
                out += fmt::format("<th data-column=\"{}\">{}</th>", html_escape(name), html_escape(label));
            out += "</tr></thead><tbody>\n";
            for (const auto& row : t.rows) {
                std::string label = html_escape(row.label);
                if (row.found && row.pos.line)
                    label = fmt::format("<a href=\"#r{}-L{}\" title=\"第 {} 行 line {}\">{}</a>", rn, row.pos.line,
                                        row.pos.line, row.pos.line, label);
                if (!row.found) label += " <span class=\"table-state\">（未找到 not found）</span>";
                std::string th_cls = "rowlabel", th_tip = row.problem;
                label += marked(row.name, "", th_cls, th_tip);
                out += fmt::format("<tr data-row=\"{}\"{}><th class=\"{}\"{}>{}</th>", html_escape(row.name),
                                   row.found ? "" : " class=\"missing-row\"", th_cls,
                                   th_tip.empty() ? "" : " title=\"" + html_escape(th_tip) + "\"", label);
                for (const auto& [cname, clabel] : cols) {
                    auto it = std::find_if(row.cells.begin(), row.cells.end(),
                                           [&](const ExtractedCell& x) { return x.column == cname; });
                    if (it == row.cells.end()) {  // the row has no such column
                        out += "<td class=\"na\"></td>";
                        continue;
                    }
                    const ExtractedCell& cell = *it;
                    std::string cls = "state-" + cell.state;
                    std::string tip = row.label + " / " + clabel;
                    if (cell.pos.line)
                        tip += fmt::format(" · 第 {} 行 line {}:{}", cell.pos.line, cell.pos.line, cell.pos.column);
                    if (cell.state == "blank") tip += " · 空白（不计为0）blank, not 0";
                    if (cell.state == "unbound") tip += " · 未读到 not read";
                    if (!cell.note.empty()) tip += " · " + cell.note;
                    std::string sups = marked(row.name, cname, cls, tip);
                    std::string shown = cell.state == "unbound" ? "?" : html_escape(cell.value);
                    if (cell.pos.line) shown = fmt::format("<a href=\"#r{}-L{}\">{}</a>", rn, cell.pos.line, shown);
                    out += fmt::format("<td class=\"{}\" data-column=\"{}\" title=\"{}\">{}{}</td>", cls,
                                       html_escape(cname), html_escape(tip), shown, sups);
                }
                out += "</tr>\n";
            }
            out += "</tbody></table></div>\n";
        }
        if (!about.empty()) {
            out += "<ol class=\"table-findings\">\n";
            for (std::size_t i : about) {
                const Finding& f = r.findings[i];
                out += fmt::format("<li class=\"{}\" id=\"r{}-t{}-f{}\" value=\"{}\" data-rule=\"{}\">"
                                   "<span class=\"badge {}\">{}</span><a href=\"#r{}-f{}\"><code class=\"rule\">"
                                   "[{}]</code></a> <b>{}</b>：{}",
                                   sev_class(f.severity), rn, ti + 1, i + 1, i + 1, html_escape(f.rule),
                                   sev_class(f.severity), sev_label(f.severity), rn, i + 1, html_escape(f.rule),
                                   html_escape(f.title), html_escape(f.message));
                std::string identity = rule_explanation(library, f.rule);
                if (!identity.empty()) out += "<div class=\"identity\">规则 rule: " + html_escape(identity) + "</div>";
                out += basis_html(f);
                out += "</li>\n";
            }
            out += "</ol>\n";
        }
        out += "</details>\n";
    }
    out += "</div>\n";
    return out;
}

}  // namespace nianbao::html
