// One 整改通知 of `nianbao letters`: a self-contained HTML page, printable on
// A4, with each finding's place in the agency's own file, the report's text
// there, the rule's explanation, its source and a correct example
// (docs/cli.md, "letters").
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/utf8.hpp"
#include "render/letter_parts.hpp"

#ifndef NIANBAO_VERSION
#define NIANBAO_VERSION "0.1.0"
#endif

namespace nianbao::letter {

namespace {

constexpr const char* kLabel[] = {"错误", "警告", "提示", "无法评估"};
constexpr const char* kNumeral[] = {"一", "二", "三", "四", "五", "六"};

const rules::RuleDecl* rule_of(const rules::RuleLibrary& library, const Finding& f) {
    auto decls = library.find_rule(f.rule);
    for (const auto* d : decls)
        if (d->ruleset == f.ruleset) return d;
    return decls.empty() ? nullptr : decls.back();
}

// The first `n` code points of `s` (all of it when shorter).
std::string_view head_cps(std::string_view s, std::size_t n) {
    std::size_t i = 0;
    for (std::size_t k = 0; k < n && i < s.size(); ++k) utf8::next(s, i);
    return s.substr(0, i);
}
// The last `n` code points of `s`.
std::string_view tail_cps(std::string_view s, std::size_t n) {
    std::size_t len = utf8::length(s), i = 0;
    for (std::size_t k = 0; k + n < len; ++k) utf8::next(s, i);
    return s.substr(i);
}
std::string_view trim_front(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        if (!utf8::is_space(utf8::next(s, j))) break;
        i = j;
    }
    return s.substr(i);
}
std::string_view trim_back(std::string_view s) {
    std::size_t i = 0, end = 0;
    while (i < s.size())
        if (!utf8::is_space(utf8::next(s, i))) end = i;
    return s.substr(0, end);
}

// The report's text at the finding: its line (of the rendering, for PDF, DOCX
// and HTML inputs) with the finding's span marked (a point: the character at
// it), at most 40 characters before and 80 after, cut ends marked "…".
std::string quote(const ReportResult& r, const Finding& f) {
    if (!r.source || r.source->line_count() == 0) return "";
    const SourceText& src = *r.source;
    const std::string_view text = src.text();
    const auto n = static_cast<std::uint32_t>(text.size());
    const std::uint32_t at = std::min(f.span.begin, n);
    const Span line = src.line_span(src.locate(at).line);
    const std::uint32_t b = std::clamp(at, line.begin, line.end);
    std::uint32_t e = std::clamp(f.span.end, b, line.end);
    if (e == b && b < line.end) {
        std::size_t i = b;
        utf8::next(text, i);
        e = static_cast<std::uint32_t>(i);
    }
    std::string_view before = text.substr(line.begin, b - line.begin), mid = text.substr(b, e - b),
                     after = text.substr(e, line.end - e);
    const std::string_view cut_before = tail_cps(before, 40), cut_mid = head_cps(mid, 120),
                           cut_after = head_cps(after, 80);
    std::string out = cut_before.size() < before.size() ? "…" : "";
    out += html_escape(cut_before.size() < before.size() ? cut_before : trim_front(cut_before));
    if (!mid.empty())
        out += "<mark>" + html_escape(cut_mid) + (cut_mid.size() < mid.size() ? "…" : "") + "</mark>";
    out += html_escape(cut_after.size() < after.size() ? cut_after : trim_back(cut_after));
    if (cut_after.size() < after.size()) out += "…";
    return out;
}

// "<dt>NAME</dt><dd>VALUE</dd>", nothing when the value is empty.
std::string field(const char* name, const std::string& value_html) {
    return value_html.empty() ? "" : fmt::format("<dt>{}</dt><dd>{}</dd>", name, value_html);
}

std::string finding_item(const ReportResult& r, const Finding& f, std::size_t number,
                         const rules::RuleLibrary& library) {
    const rules::RuleDecl* rule = rule_of(library, f);
    const std::size_t sev = not_assessable(f) ? 3 : html::sev_index(f.severity);
    std::string place = fmt::format("<span class=\"file\">{}</span> <span class=\"place\">{}</span>",
                                    html_escape(r.path), html_escape(finding_place(r, f)));
    for (const auto& c : f.cells)
        if (c.at)
            place += fmt::format("<span class=\"aux\">表格 {}｜{}｜{}</span>", html_escape(c.table), html_escape(c.row),
                                 html_escape(c.column.empty() ? "行标签" : c.column));
    if (f.origin && r.source) place += fmt::format("<span class=\"aux\">文本层第 {} 行</span>", f.pos.line);
    const std::string q = quote(r, f);
    std::string good;
    if (rule && !not_assessable(f))
        for (const auto& g : rule->good) good += "<div class=\"good\">" + html_escape(g.value) + "</div>";
    std::string out = fmt::format(
        "<li class=\"finding {}\" data-rule=\"{}\"><div class=\"head\"><span class=\"no\">{}.</span>"
        "<span class=\"badge\">{}</span>{}<code class=\"rule\">{}</code></div>\n<dl>",
        html::kSevStyle[sev].css, html_escape(f.rule), number, kLabel[sev], html_escape(f.title), html_escape(f.rule));
    out += field("位置", place);
    out += field("原文", q.empty() ? "<span class=\"aux\">（该处无文字）</span>"
                                   : "<blockquote class=\"quote\">" + q + "</blockquote>");
    out += field(not_assessable(f) ? "原因" : "整改内容", html_escape(f.message));
    out += field("说明", rule && rule->explain ? html_escape(rule->explain->value) : "");
    if (!not_assessable(f)) out += field("依据", html_escape(f.source));
    out += field("规范写法示例", good);
    return out + "</dl></li>\n";
}

// How places are written, for the kinds of files in the letter.
std::string place_legend(const Group& g) {
    std::set<std::string> kinds;
    for (const auto* r : g.reports)
        if (r->source) kinds.insert(r->source->kind());
    std::string out;
    auto add = [&](const char* text) { out += (out.empty() ? "" : "；") + std::string(text); };
    if (kinds.count("pdf")) add("PDF 文件为“p页码:行:列”（该页自上而下第几行、第几个字）");
    if (kinds.count("docx") || kinds.count("odt"))
        add("Word/ODT 文件为“第N段:字”或“表T 第R行 第C列:字”（第几个表格的第几行、第几列）");
    if (kinds.count("html")) add("网页文件为网页源代码的“行:列”");
    if (kinds.count("text")) add("文本文件为“行:列”");
    return out.empty() ? "" : "<p class=\"legend\">位置写法：" + out + "。</p>\n";
}

}  // namespace

html::Counts counts(const ReportResult& r) {
    html::Counts c{};
    for (const auto& f : r.findings) ++c[not_assessable(f) ? 3 : html::sev_index(f.severity)];
    return c;
}

std::string page_head(const std::string& title, const char* body_class) {
    return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"nianbao " NIANBAO_VERSION "\">\n<title>" +
           html_escape(title) + "</title>\n<style>" + letter_style() + "</style>\n</head>\n<body class=\"" +
           body_class + "\">\n";
}

std::string letter_page(const Group& g, const rules::RuleLibrary& library) {
    html::Counts total{};
    std::size_t unreadable = 0;
    struct Item {
        const ReportResult* r;
        const Finding* f;
    };
    std::vector<Item> problems, notes;
    for (const auto* r : g.reports) {
        if (r->error) ++unreadable;
        html::Counts c = counts(*r);
        for (std::size_t i = 0; i < c.size(); ++i) total[i] += c[i];
        for (const auto& f : r->findings) (not_assessable(f) ? notes : problems).push_back({r, &f});
    }
    // errors first, then warnings, then info; each in report order, then by place
    std::stable_sort(problems.begin(), problems.end(),
                     [](const Item& a, const Item& b) { return a.f->severity < b.f->severity; });
    const bool to_correct = !problems.empty() || unreadable > 0;
    const std::string addressee =
        g.agency.empty() ? "报告文件“" + g.reports.front()->path + "”的报送单位" : g.agency;

    std::string out = page_head((to_correct ? "整改通知 — " : "检查结果通知 — ") + addressee, "letter-page");
    out += "<nav class=\"screen-only\"><a href=\"index.html\">← 全部通知</a></nav>\n<article class=\"letter\">\n";
    out += to_correct ? "<h1>关于政府信息公开工作年度报告问题的整改通知</h1>\n"
                      : "<h1>关于政府信息公开工作年度报告检查结果的通知</h1>\n";
    out += "<p class=\"to\">" + html_escape(addressee) + "：</p>\n";
    if (g.agency.empty() && !g.reports.front()->error)
        out += "<p class=\"aux\">（报告中未能识别机关名称，本通知按报告文件发出。）</p>\n";
    out += fmt::format("<p class=\"intro\">经对报送的年度报告（共 {} 份，见下表）进行检查，现将检查结果通知如下。</p>\n",
                       g.reports.size());

    out += "<table class=\"reports\"><thead><tr><th>报告文件</th><th>年度</th><th class=\"num\">错误</th>"
           "<th class=\"num\">警告</th><th class=\"num\">提示</th><th class=\"num\">无法评估</th></tr></thead><tbody>\n";
    for (const auto* r : g.reports) {
        if (r->error) {
            out += fmt::format("<tr class=\"unreadable\"><td>{}</td><td colspan=\"5\">无法读取：{}</td></tr>\n",
                               html_escape(r->path), html_escape(r->error->reason));
            continue;
        }
        html::Counts c = counts(*r);
        out += fmt::format("<tr><td>{}</td><td>{}</td>", html_escape(r->path),
                           html_escape(r->fact("year").empty() ? "未识别" : r->fact("year")));
        for (std::size_t n : c) out += fmt::format("<td class=\"num\">{}</td>", n);
        out += "</tr>\n";
    }
    out += "</tbody></table>\n";

    const std::size_t found = total[0] + total[1] + total[2];
    std::string summary = found ? fmt::format("共发现问题 {} 项（错误 {} 项、警告 {} 项、提示 {} 项）", found, total[0],
                                              total[1], total[2])
                                : std::string(unreadable < g.reports.size() ? "未发现问题" : "");
    if (total[3]) summary += fmt::format("{}另有 {} 项无法评估", summary.empty() ? "" : "；", total[3]);
    if (unreadable) summary += fmt::format("{}{} 份报告无法读取，未能检查", summary.empty() ? "" : "；", unreadable);
    out += "<p class=\"summary\">" + summary + "。</p>\n";

    std::size_t section = 0;
    auto heading = [&](const char* title) { return fmt::format("<h2>{}、{}</h2>\n", kNumeral[section++], title); };
    if (!problems.empty()) {
        out += heading("问题清单") + place_legend(g) + "<ol class=\"findings\">\n";
        for (std::size_t i = 0; i < problems.size(); ++i)
            out += finding_item(*problems[i].r, *problems[i].f, i + 1, library);
        out += "</ol>\n";
    }
    if (!notes.empty()) {
        out += heading("无法评估的项目");
        out += "<p>以下规则因报告缺少所需内容而无法评估，请核实报告是否完整。</p>\n"
               "<ol class=\"findings\">\n";
        for (std::size_t i = 0; i < notes.size(); ++i) out += finding_item(*notes[i].r, *notes[i].f, i + 1, library);
        out += "</ol>\n";
    }
    if (unreadable) {
        out += heading("无法读取的报告") + "<ul class=\"unreadable\">\n";
        for (const auto* r : g.reports)
            if (r->error)
                out += fmt::format("<li><span class=\"file\">{}</span>：{}。该文件无法读取，未能检查。</li>\n",
                                   html_escape(r->path), html_escape(r->error->reason));
        out += "</ul>\n";
    }
    if (to_correct) {
        out += heading("整改要求");
        out += "<ol class=\"demands\">\n";
        if (!problems.empty())
            out += "<li>请对照问题清单逐项核实，按“整改内容”改正，“规范写法示例”供参考。</li>\n"
                   "<li>改正后的年度报告请重新发布，并书面反馈整改情况。</li>\n"
                   "<li>对问题认定有异议的，请在反馈中说明理由并附依据。</li>\n";
        if (!notes.empty()) out += "<li>对“无法评估的项目”，请核实报告是否缺少相应内容，并在反馈中一并说明。</li>\n";
        if (unreadable)
            out += "<li>无法读取的报告，请重新报送可以读取的文件（可复制文字的 PDF、DOCX 或网页）。</li>\n";
        out += "</ol>\n";
    } else {
        out += "<p>特此通知。</p>\n";
    }
    out += "<div class=\"sign\"><p>（检查单位盖章）</p><p>年　　月　　日</p></div>\n";
    out += "<footer>本通知由 nianbao " NIANBAO_VERSION " 根据规则文件生成；“位置”指报告原文件中的页、段、行。</footer>\n";
    return out + "</article>\n</body>\n</html>\n";
}

const char* letter_style() {
    return R"CSS(
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
* { box-sizing: border-box; }
html { background: #ecebe6; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; font-size: 10.5pt; line-height: 1.6;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC",
    "WenQuanYi Micro Hei", "Microsoft YaHei", serif; }
.letter { background: #fff; max-width: 210mm; min-height: 297mm; margin: 0 auto; padding: 18mm 16mm; }
nav { max-width: 210mm; margin: 0 auto; padding: 6px 0; font-size: 9pt; }
@media print {
  html { background: none; }
  .letter { max-width: none; min-height: 0; margin: 0; padding: 0; }
  .screen-only { display: none; }
}
h1 { font-size: 17pt; text-align: center; margin: 0 0 1.2em; line-height: 1.4; }
h2 { font-size: 12.5pt; margin: 1.3em 0 .5em; break-after: avoid; page-break-after: avoid; }
p { margin: .4em 0; }
.to { font-weight: bold; margin-top: 1em; }
.intro { text-indent: 2em; }
.summary { font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: .6em 0; }
th, td { border: 1px solid #999; padding: 2px 6px; text-align: left; vertical-align: top; word-break: break-all; }
th { background: #f1f0ec; }
.num { text-align: right; white-space: nowrap; }
tr.unreadable td, .unreadable li { color: #b71c1c; }
.legend, .aux { font-size: 8.5pt; color: #555; }
.aux { margin-left: .8em; }
ol.findings { list-style: none; padding: 0; margin: 0; }
.finding { break-inside: avoid; page-break-inside: avoid; border: 1px solid #c9c9c9; border-left: 4px solid #6b7280;
  padding: 5px 9px; margin: 0 0 7px; }
.finding.sev-error { border-left-color: #c62828; }
.finding.sev-warning { border-left-color: #d97706; }
.finding.sev-info { border-left-color: #1d6fb8; }
.head { font-weight: bold; }
.no { margin-right: .3em; }
.badge { display: inline-block; padding: 0 6px; margin-right: 6px; border-radius: 3px; color: #fff; font-size: 8.5pt;
  font-weight: normal; background: #6b7280; }
.sev-error .badge { background: #c62828; }
.sev-warning .badge { background: #d97706; }
.sev-info .badge { background: #1d6fb8; }
.rule { font-family: monospace; font-size: 8.5pt; color: #555; margin-left: 8px; font-weight: normal; }
dl { display: grid; grid-template-columns: 6em 1fr; gap: 1px 8px; margin: 4px 0 0; }
dt { color: #555; }
dd { margin: 0; word-break: break-all; }
.file { font-family: monospace; font-size: 9pt; }
.place { font-family: monospace; font-weight: bold; }
blockquote.quote { margin: 0; padding: 1px 6px; background: #f6f5f1; border-left: 3px solid #bbb; white-space: pre-wrap; }
mark { background: #ffe08a; color: inherit; }
.good { color: #1b5e20; }
.good::before { content: "✓ "; }
.sign { margin: 2.5em 0 1em auto; width: 16em; text-align: center; }
.sign p { margin: .3em 0; }
footer { margin-top: 2em; font-size: 8pt; color: #777; border-top: 1px solid #ddd; padding-top: 4px; }
.index .letter { max-width: 260mm; }
)CSS";
}

}  // namespace nianbao::letter
