// The document model: document.hpp for the contract.  The steps that build
// it are one file each (build.hpp lists them); this file runs them and holds
// the Document's accessors.
#include "model/document.hpp"

#include <algorithm>

#include "model/build.hpp"

namespace nianbao {

std::string_view to_string(NumStyle s) {
    switch (s) {
        case NumStyle::part: return "part";
        case NumStyle::cjk_dun: return "cjk_dun";
        case NumStyle::paren_cjk: return "paren_cjk";
        case NumStyle::arabic_dot: return "arabic_dot";
        case NumStyle::paren_arabic: return "paren_arabic";
    }
    return "?";
}

std::string_view to_string(TableLayout l) {
    switch (l) {
        case TableLayout::cell_per_line: return "cell_per_line";
        case TableLayout::markdown: return "markdown";
        case TableLayout::tab_separated: return "tab_separated";
    }
    return "?";
}

// ---------------------------------------------------------------------------
// Document accessors
// ---------------------------------------------------------------------------
std::string_view Document::view_text(Span s) const {
    const std::string& t = view.text();
    std::size_t b = std::min<std::size_t>(s.begin, t.size());
    std::size_t e = std::min<std::size_t>(std::max(s.begin, s.end), t.size());
    return std::string_view(t).substr(b, e - b);
}

Span Document::body(int heading) const {
    if (heading < 0 || static_cast<std::size_t>(heading) >= headings.size()) return {};
    const Heading& h = headings[heading];
    auto text_size = static_cast<std::uint32_t>(view.text().size());
    std::uint32_t begin = h.in_line ? h.marker.end
                          : h.line >= 1 && h.line <= lines.size() ? lines[h.line - 1].view.end
                                                                 : h.text.end;
    std::uint32_t end = text_size;
    for (std::size_t j = static_cast<std::size_t>(heading) + 1; j < headings.size(); ++j) {
        if (headings[j].level <= h.level) {
            end = !headings[j].in_line && headings[j].line >= 1 && headings[j].line <= lines.size()
                      ? lines[headings[j].line - 1].view.begin
                      : headings[j].marker.begin;
            break;
        }
    }
    if (end < begin) end = begin;
    return {begin, end};
}

Span Document::extent(int heading) const {
    if (heading < 0 || static_cast<std::size_t>(heading) >= headings.size()) return {};
    const Heading& h = headings[heading];
    Span b = body(heading);
    std::uint32_t begin =
        !h.in_line && h.line >= 1 && h.line <= lines.size() ? lines[h.line - 1].view.begin : h.marker.begin;
    return {begin, b.end};
}

Document build_document(const SourceText& src, CharNormalizer& norm) {
    Document doc;
    doc.source = &src;
    doc.view = build_view(src, norm);
    model::Build b(doc, src);
    model::build_lines(b);
    model::build_tables(b);
    model::build_headings(b);
    model::build_numbering_issues(doc);
    model::build_dates(doc);
    return doc;
}

}  // namespace nianbao
