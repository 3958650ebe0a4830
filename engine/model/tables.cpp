// Tables: runs of lines in one of the layouts of tables.hpp, read into
// Tables of Cells as written.  What the layouts share lives here.
#include "model/tables.hpp"

#include <algorithm>
#include <utility>

#include "model/text.hpp"

namespace nianbao::model {

std::span<const TableLayoutReader> table_layouts() {
    // A tab-separated row may begin with a TAB (an empty first cell), so it is
    // tried before the cell-per-line layout, whose lines begin with one.
    static const TableLayoutReader layouts[] = {kMarkdownLayout, kTabSeparatedLayout, kCellPerLineLayout};
    return layouts;
}

void build_tables(Build& b) {
    std::size_t n = b.d.lines.size();
    std::size_t i = 0;
    while (i < n) {
        std::size_t next = i;
        for (const TableLayoutReader& layout : table_layouts()) {
            if (!layout.begins(b, i)) continue;
            next = layout.read(b, i);
            if (next != i) break;
        }
        i = next == i ? i + 1 : next;
    }
}

void add_table(Build& b, Table t, std::size_t first, std::size_t last) {
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
            t.rows[r][c].row = static_cast<int>(r);
            t.rows[r][c].col = static_cast<int>(c);
        }
    }
    t.first_line = b.d.lines[first].number;
    t.last_line = b.d.lines[last].number;
    auto idx = static_cast<int>(b.d.tables.size());
    for (std::size_t k = first; k <= last; ++k) b.d.lines[k].table = idx;
    b.d.tables.push_back(std::move(t));
}

Cell cell_in_line(const Build& b, const Line& l, Span part) {
    Cell c;
    c.line = l.number;
    c.src = trim_span(b.st, part);
    if (c.src.empty()) c.src = {part.begin, part.begin};
    std::uint32_t vb = b.d.view.from_source(c.src.begin);
    std::uint32_t ve = c.src.empty() ? vb : b.d.view.from_source(c.src.end);
    vb = std::clamp(vb, l.view.begin, l.view.end);
    ve = std::clamp(ve, vb, l.view.end);
    while (ve > vb && b.vt[ve - 1] == ' ') --ve;
    while (vb < ve && b.vt[vb] == ' ') ++vb;
    c.view = {vb, ve};
    c.text = std::string(b.vt.substr(vb, ve - vb));
    c.empty = c.text.empty();
    return c;
}

TabParts tab_parts(const Build& b, std::size_t idx) {
    TabParts out;
    const Span line = b.d.lines[idx].src;
    std::uint32_t start = line.begin;
    for (std::uint32_t q = line.begin; q <= line.end; ++q) {
        if (q < line.end && b.st[q] != '\t') continue;
        Span part{start, q};
        out.parts.push_back(part);
        if (!is_blank(b.st.substr(part.begin, part.size()))) ++out.written;
        start = q + 1;
    }
    return out;
}

}  // namespace nianbao::model
