// The HTML report: one self-contained page (docs/output-formats.md, "HTML").
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "core/diagnostic.hpp"
#include "render/html_parts.hpp"

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

namespace html {

std::string count_cells(const Counts& c) {
    std::string out;
    for (Severity s : kSeverities) {
        std::size_t n = c[sev_index(s)];
        out += n ? fmt::format("<td class=\"num {}\">{}</td>", sev_class(s), n) : "<td class=\"num zero\">0</td>";
    }
    return out;
}

// The rule's explanation (its `explain`), "" when there is none.
std::string rule_explanation(const rules::RuleLibrary* library, const std::string& id) {
    if (!library) return "";
    auto decls = library->find_rule(id);
    return !decls.empty() && decls.back()->explain ? decls.back()->explain->value : "";
}

// The finding's 依据 line (none for a not-assessable finding: nothing was judged).
// Then the places in other reports it names, each a link to that file.
std::string basis_html(const Finding& f) {
    std::string out;
    if (!f.source.empty() && !f.not_assessable) out = "<div class=\"basis\">依据：" + html_escape(f.source) + "</div>";
    for (const auto& rl : f.related)
        out += "<div class=\"basis related\">参见：<a href=\"" + html_escape(rl.path) + "\">" + html_escape(rl.path) + ":" +
               html_escape(related_place(rl)) + "</a> " + html_escape(rl.message) + "</div>";
    return out;
}

}  // namespace html

using namespace html;

namespace {

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
        if (r.error || r.skipped) continue;
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
    out += "<style>" + std::string(page_style()) + "</style>\n</head>\n<body>\n";
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
    if (s.skipped) out += fmt::format("<div class=\"card skipped\"><b>{}</b>未检查 not checked</div>", s.skipped);
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
        if (r.skipped) {
            out += fmt::format("<tr class=\"skipped\"><td>{}</td><td><a href=\"#r{}\">{}</a></td>"
                               "<td colspan=\"7\">未检查 not checked: {}</td></tr>\n",
                               i + 1, i + 1, html_escape(r.path), html_escape(*r.skipped));
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
        if (r.skipped) {
            out += "<p class=\"skip-box\">未检查 not checked: " + html_escape(*r.skipped) + "</p>\n</section>\n";
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
                // the place in the agency's terms (the original file's page, paragraph or table cell);
                // the text layer's line, which the anchor opens, only beside it
                std::string place = f.origin && r.source
                                        ? fmt::format("{} <span class=\"tl\">({} · 文本第 {} 行)</span>",
                                                      html_escape(finding_place_zh(r, f)),
                                                      html_escape(finding_place(r, f)), f.pos.line)
                                        : fmt::format("第 {} 行 line {}:{}", f.pos.line, f.pos.line, f.pos.column);
                out += fmt::format("<li class=\"{}\"><a href=\"#r{}-L{}\">{}</a> "
                                   "<span class=\"badge {}\">{}</span>{} <code class=\"rule\">[{}]</code></li>\n",
                                   sev_class(f.severity), rn, f.pos.line, place, sev_class(f.severity),
                                   sev_label(f.severity), html_escape(f.message), html_escape(f.rule));
            }
            out += "</ol>\n";
        }
        out += report_tables(r, rn, library);
        if (r.source) out += report_text(r, rn, library);
        out += "</section>\n";
    }
    out += "</main>\n<footer>nianbao " NIANBAO_VERSION
           " · 本页自包含，不连网 self-contained, no network</footer>\n<script>" +
           std::string(page_script()) + "</script>\n</body>\n</html>\n";
    return out;
}

}  // namespace nianbao
