// The HTML report: one self-contained page (docs/output-formats.md, "HTML").
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "core/diagnostic.hpp"
#include "render/render.hpp"

#ifndef NIANBAO_VERSION
#define NIANBAO_VERSION "0.1.0"
#endif

namespace nianbao {

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

constexpr std::array<Severity, 4> kSeverities = {Severity::error, Severity::warning, Severity::info, Severity::note};

// Per severity (in enum order): CSS class, label, chart colour.
struct SevStyle {
    const char* css;
    const char* label;
    const char* color;
};
constexpr std::array<SevStyle, 4> kSevStyle = {{
    {"sev-error", "错误 error", "#c62828"},
    {"sev-warning", "警告 warning", "#d97706"},
    {"sev-info", "提示 info", "#1d6fb8"},
    {"sev-note", "无法判断 not assessable", "#6b7280"},
}};
const SevStyle& sev_style(Severity s) { return kSevStyle[static_cast<std::size_t>(s)]; }
const char* sev_class(Severity s) { return sev_style(s).css; }
const char* sev_label(Severity s) { return sev_style(s).label; }
const char* sev_color(Severity s) { return sev_style(s).color; }
std::size_t sev_index(Severity s) { return static_cast<std::size_t>(s); }

using Counts = std::array<std::size_t, 4>;
std::size_t total(const Counts& c) { return c[0] + c[1] + c[2] + c[3]; }

std::string count_cells(const Counts& c) {
    std::string out;
    for (Severity s : kSeverities) {
        std::size_t n = c[sev_index(s)];
        out += n ? fmt::format("<td class=\"num {}\">{}</td>", sev_class(s), n) : "<td class=\"num zero\">0</td>";
    }
    return out;
}

constexpr const char* kStyle = R"CSS(
:root{--error:#c62828;--warning:#d97706;--info:#1d6fb8;--note:#6b7280;--bg:#fafaf7;--line:#e5e5e0;--ink:#1f2328}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
header.top{background:#22303c;color:#fff;padding:14px 28px}
header.top h1{margin:0;font-size:21px;font-weight:600}
header.top p{margin:2px 0 0;color:#c9d3dc;font-size:13px}
main{max-width:1180px;margin:0 auto;padding:8px 28px 40px}
h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:20px 0 6px;color:#444}
a{color:#1d5fa0;text-decoration:none}a:hover{text-decoration:underline}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.card{background:#fff;border:1px solid var(--line);border-left:5px solid #9aa5b1;border-radius:6px;padding:8px 14px;min-width:130px}
.card b{display:block;font-size:24px;line-height:1.2}
.card.sev-error{border-left-color:var(--error)}.card.sev-warning{border-left-color:var(--warning)}
.card.sev-info{border-left-color:var(--info)}.card.sev-note{border-left-color:var(--note)}.card.unreadable{border-left-color:#7c3aed}
table.grid{border-collapse:collapse;background:#fff;border:1px solid var(--line);font-size:14px;margin:6px 0}
table.grid th,table.grid td{border:1px solid var(--line);padding:3px 9px;text-align:left;vertical-align:top}
table.grid th{background:#f0f0eb;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}td.zero{color:#b5b5b0}
td.sev-error{color:var(--error);font-weight:600}td.sev-warning{color:var(--warning);font-weight:600}
td.sev-info{color:var(--info);font-weight:600}td.sev-note{color:var(--note);font-weight:600}
.chart{background:#fff;border:1px solid var(--line);border-radius:6px;padding:6px;margin:6px 0}
.legend span{display:inline-block;margin-right:14px;font-size:13px}
.legend i{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px;border-radius:2px}
.controls{font-size:13px;margin:10px 0;color:#444}.controls label{margin-right:16px;cursor:pointer}
section.report{margin-top:34px}
.meta{color:#555;font-size:13px;margin:0 0 8px}
.error-box{background:#fdecea;border:1px solid #f5c2c0;color:#8a1c1c;padding:8px 12px;border-radius:6px}
ol.findings{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px 8px 40px;margin:8px 0 12px;font-size:14px}
ol.findings li{margin:2px 0}
.badge{display:inline-block;font-size:12px;line-height:1.4;padding:0 6px;border-radius:9px;color:#fff;margin-right:6px;white-space:nowrap}
.badge.sev-error{background:var(--error)}.badge.sev-warning{background:var(--warning)}
.badge.sev-info{background:var(--info)}.badge.sev-note{background:var(--note)}
code.rule{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px;color:#444}
.src{background:#fff;border:1px solid var(--line);border-radius:6px;overflow:hidden;font-size:14px}
.line{display:grid;grid-template-columns:4.2em 1fr;border-left:4px solid transparent}
.line:nth-child(even){background:#fcfcfa}
.line .ln{color:#9a9a95;text-align:right;padding-right:10px;user-select:none;font-variant-numeric:tabular-nums;border-right:1px solid var(--line)}
.line .code{white-space:pre-wrap;word-break:break-all;padding-left:10px;tab-size:4;min-height:1.55em}
.line:target{background:#fff3bf}
.line.has-finding.sev-error{border-left-color:var(--error);background:#fdf1f0}
.line.has-finding.sev-warning{border-left-color:var(--warning);background:#fef7ea}
.line.has-finding.sev-info{border-left-color:var(--info);background:#eef5fc}
.line.has-finding.sev-note{border-left-color:var(--note);background:#f3f4f6}
mark{background:none;color:inherit;border-bottom:2px solid;padding:0 1px}
mark.sev-error{border-color:var(--error);background:#fbd5d2}mark.sev-warning{border-color:var(--warning);background:#fde7bf}
mark.sev-info{border-color:var(--info);background:#d6e7f8}mark.sev-note{border-color:var(--note);background:#e5e7eb}
.notes{grid-column:2;padding:2px 10px 6px}
.note{border-left:3px solid;padding:3px 10px;margin:3px 0;background:#fff;border-radius:0 5px 5px 0;font-size:13.5px;box-shadow:0 1px 1px rgba(0,0,0,.05)}
.note.sev-error{border-color:var(--error)}.note.sev-warning{border-color:var(--warning)}
.note.sev-info{border-color:var(--info)}.note.sev-note{border-color:var(--note)}
.note:target{outline:2px solid #f2c94c}
.note .basis{color:#666;font-size:12.5px}
body.compact .line:not(.ctx){display:none}
body.compact .line.gap{border-top:1px dashed #b8b8b0}
body.hide-info .sev-info.note,body.hide-info li.sev-info{display:none}
body.hide-note .sev-note.note,body.hide-note li.sev-note{display:none}
body.hide-info ol.table-findings li.sev-info,body.hide-note ol.table-findings li.sev-note{display:none}
details.rtable{background:#fff;border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:4px 12px 8px}
details.rtable>summary{cursor:pointer;font-weight:600;padding:4px 0;color:#333}
details.rtable>summary .tname{font-weight:400;color:#777;font-size:13px;margin-left:6px}
details.rtable>summary .count{font-weight:400;font-size:13px;margin-left:8px}
.table-scroll{overflow-x:auto}
table.report-table{border-collapse:collapse;font-size:13px;margin:6px 0}
table.report-table th,table.report-table td{border:1px solid #d8d8d2;padding:2px 7px;vertical-align:top}
table.report-table thead th{background:#f0f0eb;font-weight:600;text-align:center}
table.report-table th.rowlabel{background:#fafaf7;font-weight:400;text-align:left;max-width:26em}
table.report-table th.rowlabel a{color:inherit}
table.report-table tr.missing-row th.rowlabel{color:#9a3412}
table.report-table td{text-align:right;font-variant-numeric:tabular-nums;min-width:3.2em;white-space:nowrap}
table.report-table td a{color:inherit}
table.report-table td.state-blank{background:repeating-linear-gradient(135deg,#fff 0 4px,#efefea 4px 8px)}
table.report-table td.state-unbound{color:#a3a3a3;text-align:center}
table.report-table td.state-text,table.report-table td.state-dash{color:#7c2d12}
table.report-table td.na{background:#f3f3ef}
table.report-table td.operand.sev-error{box-shadow:inset 0 0 0 2px #eea39c}
table.report-table td.operand.sev-warning{box-shadow:inset 0 0 0 2px #f3c57a}
table.report-table td.operand.sev-info{box-shadow:inset 0 0 0 2px #9cc3ea}
table.report-table td.operand.sev-note{box-shadow:inset 0 0 0 2px #c4c7cd}
table.report-table td.fail{font-weight:700}
table.report-table .fail.sev-error{background:#fbd5d2;box-shadow:inset 0 0 0 2px var(--error);color:#8a1c1c}
table.report-table .fail.sev-warning{background:#fde7bf;box-shadow:inset 0 0 0 2px var(--warning)}
table.report-table .fail.sev-info{background:#d6e7f8;box-shadow:inset 0 0 0 2px var(--info)}
table.report-table .fail.sev-note{background:#e5e7eb;box-shadow:inset 0 0 0 2px var(--note)}
table.report-table sup{font-size:10px;margin-left:2px}
.table-state{color:#6b7280;font-size:13px;margin:4px 0}
.table-state.not-read{color:#8a1c1c;background:#fdecea;border:1px solid #f5c2c0;border-radius:5px;padding:4px 10px}
ol.table-findings{margin:4px 0 2px;padding-left:26px;font-size:13.5px}
ol.table-findings li{margin:3px 0}
ol.table-findings .identity{color:#444;font-size:12.5px;margin-top:1px}
ol.table-findings .basis{color:#666;font-size:12.5px}
.legend-cells{font-size:12px;color:#666;margin:2px 0 4px}
.legend-cells span{display:inline-block;padding:0 6px;margin:0 4px 0 12px;border:1px solid #d8d8d2}
.legend-cells span:first-child{margin-left:0}
footer{color:#888;font-size:12px;text-align:center;padding:20px}
@media print{.controls{display:none}.line{break-inside:avoid}}
)CSS";

constexpr const char* kScript = R"JS(
// ?view=compact opens the page with only the lines near findings shown
var compact = /[?&]view=compact(&|$)/.test(location.search);
document.querySelectorAll('input[data-toggle]').forEach(function (box) {
  if (compact && box.getAttribute('data-toggle') === 'compact') box.checked = true;
  var apply = function () { document.body.classList.toggle(box.getAttribute('data-toggle'), box.checked); };
  box.addEventListener('change', apply);
  apply();
});
)JS";

// The rule's explanation (its `explain`), "" when there is none.
std::string rule_explanation(const rules::RuleLibrary* library, const std::string& id) {
    if (!library) return "";
    auto decls = library->find_rule(id);
    return !decls.empty() && decls.back()->explain ? decls.back()->explain->value : "";
}

// The finding's 依据 line (none for a not-assessable finding: nothing was judged).
std::string basis_html(const Finding& f) {
    if (f.source.empty() || f.not_assessable) return "";
    return "<div class=\"basis\">依据：" + html_escape(f.source) + "</div>";
}

struct Mark {
    std::uint32_t begin, end;
    Severity sev;
};

// One line's text with the findings' spans marked; spans are clipped to the
// line, overlaps take the most severe class.
std::string marked_line(std::string_view text, std::uint32_t line_begin, const std::vector<Mark>& marks) {
    std::uint32_t line_end = line_begin + static_cast<std::uint32_t>(text.size());
    std::set<std::uint32_t> cuts{line_begin, line_end};
    for (const auto& m : marks) {
        std::uint32_t b = std::clamp(m.begin, line_begin, line_end), e = std::clamp(m.end, line_begin, line_end);
        if (b < e) {
            cuts.insert(b);
            cuts.insert(e);
        }
    }
    std::string out;
    for (auto it = cuts.begin(); it != cuts.end(); ++it) {
        auto nx = std::next(it);
        if (nx == cuts.end()) break;
        std::uint32_t b = *it, e = *nx;
        std::optional<Severity> sev;
        for (const auto& m : marks)
            if (m.begin <= b && m.end >= e && m.begin < m.end && (!sev || m.sev < *sev)) sev = m.sev;
        std::string piece = html_escape(text.substr(b - line_begin, e - b));
        if (sev)
            out += fmt::format("<mark class=\"{}\">{}</mark>", sev_class(*sev), piece);
        else
            out += piece;
    }
    return out;
}

std::string report_text(const ReportResult& r, std::size_t rn, const rules::RuleLibrary* library) {
    const SourceText& src = *r.source;
    std::uint32_t nlines = src.line_count();
    // findings by start line; marks by every line they cover; lines near a finding
    std::map<std::uint32_t, std::vector<std::size_t>> at_line;
    std::map<std::uint32_t, std::vector<Mark>> marks;
    std::vector<bool> near(nlines + 2, false);
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
        const Finding& f = r.findings[i];
        std::uint32_t line = std::clamp<std::uint32_t>(f.pos.line, 1, std::max<std::uint32_t>(nlines, 1));
        at_line[line].push_back(i);
        std::uint32_t last = std::max(line, std::min(f.end.line, nlines));
        for (std::uint32_t l = line; l <= last; ++l) marks[l].push_back({f.span.begin, f.span.end, f.severity});
        for (std::uint32_t l = line > 3 ? line - 3 : 1; l <= std::min(nlines, last + 3); ++l) near[l] = true;
    }
    std::string out = "<div class=\"src\">\n";
    for (std::uint32_t l = 1; l <= nlines; ++l) {
        auto found = at_line.find(l);
        std::string cls = "line";
        if (found != at_line.end()) {
            Severity worst = Severity::note;
            for (std::size_t i : found->second) worst = std::min(worst, r.findings[i].severity);
            cls += fmt::format(" has-finding {}", sev_class(worst));
        }
        if (near[l]) cls += l > 1 && !near[l - 1] ? " ctx gap" : " ctx";
        Span ls = src.line_span(l);
        auto mk = marks.find(l);
        std::string code = mk == marks.end() ? html_escape(src.line_text(l))
                                             : marked_line(src.line_text(l), ls.begin, mk->second);
        out += fmt::format("<div class=\"{}\" id=\"r{}-L{}\" data-line=\"{}\"><a class=\"ln\" href=\"#r{}-L{}\">{}</a>"
                           "<span class=\"code\">{}</span>",
                           cls, rn, l, l, rn, l, l, code);
        if (found != at_line.end()) {
            out += "<div class=\"notes\">";
            for (std::size_t i : found->second) {
                const Finding& f = r.findings[i];
                std::string tip = rule_explanation(library, f.rule);
                out += fmt::format(
                    "<div class=\"note {}\" id=\"r{}-f{}\" data-rule=\"{}\" data-line=\"{}\" data-column=\"{}\">"
                    "<span class=\"badge {}\">{}</span>{} <code class=\"rule\" title=\"{}\">[{}]</code>",
                    sev_class(f.severity), rn, i + 1, html_escape(f.rule), f.pos.line, f.pos.column,
                    sev_class(f.severity), sev_label(f.severity), html_escape(f.message),
                    html_escape(f.title + (tip.empty() ? "" : "\n" + tip)), html_escape(f.rule));
                out += basis_html(f);
                out += "</div>";
            }
            out += "</div>";
        }
        out += "</div>\n";
    }
    out += "</div>\n";
    return out;
}

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

// Horizontal stacked bars: one per rule, segments by severity.
std::string rule_chart(const std::vector<std::pair<std::string, Counts>>& rows) {
    if (rows.empty()) return "";
    std::size_t max = 1;
    for (const auto& [rule, c] : rows) max = std::max(max, total(c));
    const int label_w = 96, bar_w = 560, row_h = 24, top = 6;
    int height = top * 2 + row_h * static_cast<int>(rows.size());
    std::string out = fmt::format(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
        "role=\"img\" aria-label=\"findings by rule and severity\">\n",
        label_w + bar_w + 60, height, label_w + bar_w + 60, height);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& [rule, c] = rows[i];
        int y = top + row_h * static_cast<int>(i);
        out += fmt::format(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" font-family=\"monospace\" "
            "fill=\"#333\">{}</text>",
            label_w - 8, y + 16, html_escape(rule));
        double x = label_w;
        for (Severity s : kSeverities) {
            std::size_t n = c[sev_index(s)];
            if (!n) continue;
            double w = static_cast<double>(bar_w) * static_cast<double>(n) / static_cast<double>(max);
            out += fmt::format(
                "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\" rx=\"2\"><title>{} {}: {}"
                "</title></rect>",
                x, y + 4, w, row_h - 8, sev_color(s), html_escape(rule), sev_label(s), n);
            x += w;
        }
        out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"13\" fill=\"#333\">{}</text>\n", x + 6, y + 16,
                           total(c));
    }
    out += "</svg>\n";
    return out;
}

}  // namespace

std::string render_html(const std::vector<ReportResult>& results, const rules::RuleLibrary* library) {
    RunSummary s = summarize(results);
    std::map<std::string, Counts> by_rule;
    std::map<std::string, std::string> rule_title;
    struct AgencyRow {
        std::size_t reports = 0;
        Counts counts{};
    };
    std::map<std::string, AgencyRow> by_agency;
    for (const auto& r : results) {
        if (r.error) continue;
        std::string agency = r.fact("agency").empty() ? "（未识别 unknown）" : r.fact("agency");
        AgencyRow& a = by_agency[agency];
        ++a.reports;
        for (const auto& f : r.findings) {
            ++by_rule[f.rule][sev_index(f.severity)];
            ++a.counts[sev_index(f.severity)];
            if (!rule_title.count(f.rule)) rule_title[f.rule] = f.title;
        }
    }
    std::vector<std::pair<std::string, Counts>> rule_rows(by_rule.begin(), by_rule.end());
    std::stable_sort(rule_rows.begin(), rule_rows.end(),
                     [](const auto& a, const auto& b) { return total(a.second) > total(b.second); });

    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "script-src 'unsafe-inline'; img-src data:\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += fmt::format("<meta name=\"generator\" content=\"nianbao {}\">\n", NIANBAO_VERSION);
    out += fmt::format("<title>年报检查结果 — {} 份报告 — nianbao</title>\n", s.reports);
    out += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
    out += "<header class=\"top\"><h1>政府信息公开工作年度报告 检查结果</h1>";
    out += fmt::format("<p>nianbao {} · {} 份报告 reports checked</p></header>\n<main>\n", NIANBAO_VERSION,
                       s.reports);

    // summary
    out += "<section id=\"summary\">\n<h2>概览 Summary</h2>\n<div class=\"cards\">";
    out += fmt::format("<div class=\"card\"><b>{}</b>份报告 reports</div>", s.reports);
    std::array<std::size_t, 4> sev_totals = {s.errors, s.warnings, s.infos, s.notes};
    for (Severity sv : kSeverities)
        out += fmt::format("<div class=\"card {}\"><b>{}</b>{}</div>", sev_class(sv), sev_totals[sev_index(sv)],
                           sev_label(sv));
    if (s.unreadable)
        out += fmt::format("<div class=\"card unreadable\"><b>{}</b>无法读取 unreadable</div>", s.unreadable);
    out += "</div>\n";

    out += "<h3>按规则 Findings by rule</h3>\n";
    if (rule_rows.empty()) {
        out += "<p>没有发现问题 No findings.</p>\n";
    } else {
        out += "<div class=\"legend\">";
        for (Severity sv : kSeverities)
            out += fmt::format("<span><i style=\"background:{}\"></i>{}</span>", sev_color(sv), sev_label(sv));
        out += "</div>\n" + rule_chart(rule_rows);
        out += "<table class=\"grid by-rule\"><thead><tr><th>规则 rule</th><th>标题 title</th><th>错误</th>"
               "<th>警告</th><th>提示</th><th>无法判断</th><th>合计 total</th></tr></thead><tbody>\n";
        for (const auto& [rule, c] : rule_rows)
            out += fmt::format("<tr data-rule=\"{}\"><td><code class=\"rule\">{}</code></td><td>{}</td>{}"
                               "<td class=\"num\">{}</td></tr>\n",
                               html_escape(rule), html_escape(rule), html_escape(rule_title[rule]), count_cells(c),
                               total(c));
        out += "</tbody></table>\n";
    }

    out += "<h3>按机关 By agency</h3>\n<table class=\"grid by-agency\"><thead><tr><th>机关 agency</th>"
           "<th>报告 reports</th><th>错误</th><th>警告</th><th>提示</th><th>无法判断</th></tr></thead><tbody>\n";
    for (const auto& [agency, a] : by_agency)
        out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td>{}</tr>\n", html_escape(agency), a.reports,
                           count_cells(a.counts));
    out += "</tbody></table>\n";

    out += "<h3>报告 Reports</h3>\n<table class=\"grid reports\"><thead><tr><th>#</th><th>文件 file</th>"
           "<th>格式 format</th><th>年度 year</th><th>机关 agency</th><th>错误</th><th>警告</th><th>提示</th>"
           "<th>无法判断</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < results.size(); ++i) {
        const ReportResult& r = results[i];
        if (r.error) {
            out += fmt::format("<tr class=\"unreadable\"><td>{}</td><td><a href=\"#r{}\">{}</a></td>"
                               "<td colspan=\"7\" class=\"sev-error\">无法读取 unreadable: {}</td></tr>\n",
                               i + 1, i + 1, html_escape(r.path), html_escape(r.error->reason));
            continue;
        }
        std::string formats;
        for (const auto& f : r.formats) formats += (formats.empty() ? "" : ", ") + f;
        Counts c{};
        for (const auto& f : r.findings) ++c[sev_index(f.severity)];
        out += fmt::format("<tr><td>{}</td><td><a href=\"#r{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>{}</tr>\n",
                           i + 1, i + 1, html_escape(r.path), html_escape(formats.empty() ? "-" : formats),
                           html_escape(r.fact("year").empty() ? "-" : r.fact("year")),
                           html_escape(r.fact("agency").empty() ? "-" : r.fact("agency")), count_cells(c));
    }
    out += "</tbody></table>\n</section>\n";

    out += "<div class=\"controls\"><label><input type=\"checkbox\" data-toggle=\"compact\"> "
           "只看问题附近的行 only lines near findings</label><label><input type=\"checkbox\" data-toggle=\"hide-info\"> "
           "隐藏提示 hide info</label><label><input type=\"checkbox\" data-toggle=\"hide-note\"> "
           "隐藏无法判断 hide not assessable</label></div>\n";

    // each report
    for (std::size_t i = 0; i < results.size(); ++i) {
        const ReportResult& r = results[i];
        std::size_t rn = i + 1;
        out += fmt::format("<section class=\"report\" id=\"r{}\" data-file=\"{}\">\n<h2><a href=\"#r{}\">{}</a></h2>\n",
                           rn, html_escape(r.path), rn, html_escape(r.path));
        if (r.error) {
            out += "<p class=\"error-box\">无法读取 unreadable: " + html_escape(r.error->reason) + "</p>\n</section>\n";
            continue;
        }
        std::string formats;
        for (const auto& f : r.formats) formats += (formats.empty() ? "" : ", ") + f;
        out += fmt::format("<p class=\"meta\">格式 format: {} · 年度 year: {} · 机关 agency: {} · 编码 encoding: {} · "
                           "{} 行 lines</p>\n",
                           html_escape(formats.empty() ? "-" : formats),
                           html_escape(r.fact("year").empty() ? "-" : r.fact("year")),
                           html_escape(r.fact("agency").empty() ? "-" : r.fact("agency")),
                           html_escape(r.source ? r.source->encoding() : "-"), r.source ? r.source->line_count() : 0);
        if (r.findings.empty()) {
            out += "<p>没有发现问题 No findings.</p>\n";
        } else {
            out += "<ol class=\"findings\">\n";
            for (std::size_t k = 0; k < r.findings.size(); ++k) {
                const Finding& f = r.findings[k];
                out += fmt::format("<li class=\"{}\"><a href=\"#r{}-L{}\">第 {} 行 line {}:{}</a> "
                                   "<span class=\"badge {}\">{}</span>{} <code class=\"rule\">[{}]</code></li>\n",
                                   sev_class(f.severity), rn, f.pos.line, f.pos.line, f.pos.line, f.pos.column,
                                   sev_class(f.severity), sev_label(f.severity), html_escape(f.message),
                                   html_escape(f.rule));
            }
            out += "</ol>\n";
        }
        out += report_tables(r, rn, library);
        if (r.source) out += report_text(r, rn, library);
        out += "</section>\n";
    }
    out += "</main>\n<footer>nianbao " NIANBAO_VERSION
           " · 本页自包含，不连网 self-contained, no network</footer>\n<script>" +
           std::string(kScript) + "</script>\n</body>\n</html>\n";
    return out;
}

}  // namespace nianbao
