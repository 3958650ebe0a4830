// One report's text in the HTML report: every line, the findings' spans marked,
// each finding under its line (docs/output-formats.md, "HTML").
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "core/diagnostic.hpp"
#include "render/html_parts.hpp"

namespace nianbao::html {

namespace {

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

}  // namespace

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

}  // namespace nianbao::html
