// The markdown layout: a run of lines beginning with '|' ("| a | b |"),
// cells split on unescaped '|', the "|---|:--:|" separator rows dropped.
// Broken conversions are kept as written: rows may be ragged.
#include <algorithm>
#include <utility>
#include <vector>

#include "model/tables.hpp"
#include "model/text.hpp"

namespace nianbao::model {

namespace {

bool is_md_line(const Build& b, std::size_t idx) {
    std::string_view s = b.src_line(idx);
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    return i < s.size() && s[i] == '|';
}

bool is_separator_cell(std::string_view c) {
    std::size_t b = 0, e = c.size();
    while (b < e && (c[b] == ' ' || c[b] == '\t')) ++b;
    while (e > b && (c[e - 1] == ' ' || c[e - 1] == '\t')) --e;
    c = c.substr(b, e - b);
    if (c.empty()) return true;
    if (c.front() == ':') c.remove_prefix(1);
    if (!c.empty() && c.back() == ':') c.remove_suffix(1);
    return !c.empty() && c.find_first_not_of('-') == std::string_view::npos;
}

// The source spans of the cells of one "| a | b |" line.
std::vector<Span> md_parts(std::string_view st, const Line& l) {
    Span ts = trim_span(st, l.src);
    std::size_t p = ts.begin;
    while (p < ts.end && st[p] != '|') ++p;
    std::size_t b = p + 1, e = ts.end;
    if (e > b && st[e - 1] == '|' && st[e - 2] != '\\') --e;
    if (e < b) e = b;
    // Split on unescaped '|'.
    std::vector<Span> parts;
    std::size_t cs = b;
    for (std::size_t q = b; q < e; ++q) {
        if (st[q] == '\\' && q + 1 < e) {
            ++q;
            continue;
        }
        if (st[q] == '|') {
            parts.push_back({static_cast<std::uint32_t>(cs), static_cast<std::uint32_t>(q)});
            cs = q + 1;
        }
    }
    parts.push_back({static_cast<std::uint32_t>(cs), static_cast<std::uint32_t>(e)});
    return parts;
}

bool is_separator_row(std::string_view st, const std::vector<Span>& parts) {
    return std::all_of(parts.begin(), parts.end(),
                       [&](Span s) { return is_separator_cell(st.substr(s.begin, s.size())); }) &&
           std::any_of(parts.begin(), parts.end(),
                       [&](Span s) { return st.substr(s.begin, s.size()).find('-') != std::string_view::npos; });
}

Cell md_cell(const Build& b, const Line& l, Span part) {
    Cell c = cell_in_line(b, l, part);
    // "\|" is a '|' written in the cell
    std::string text;
    text.reserve(c.text.size());
    for (std::size_t q = 0; q < c.text.size(); ++q) {
        if (c.text[q] == '\\' && q + 1 < c.text.size() && c.text[q + 1] == '|') continue;
        text += c.text[q];
    }
    c.text = std::move(text);
    c.empty = c.text.empty();
    return c;
}

std::size_t read_markdown(Build& b, std::size_t first) {
    std::size_t end = first;
    while (end < b.d.lines.size() && is_md_line(b, end)) ++end;
    Table t;
    t.layout = TableLayout::markdown;
    for (std::size_t k = first; k < end; ++k) {
        const Line& l = b.d.lines[k];
        std::vector<Span> parts = md_parts(b.st, l);
        if (is_separator_row(b.st, parts)) continue;
        std::vector<Cell> row;
        for (Span part : parts) row.push_back(md_cell(b, l, part));
        t.rows.push_back(std::move(row));
    }
    add_table(b, std::move(t), first, end - 1);
    return end;
}

}  // namespace

const TableLayoutReader kMarkdownLayout{TableLayout::markdown, is_md_line, read_markdown};

}  // namespace nianbao::model
