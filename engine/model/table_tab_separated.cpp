// The tab-separated layout: one row per line, cells separated by TAB
// characters -- what copying a table out of Excel, WPS or Word into a plain
// text editor or a web form gives.  Every TAB is a cell boundary, so empty
// cells ("10<TAB><TAB>3", a leading TAB for an empty first cell) keep their
// columns.
//
// A row is a line with at least two written cells; a line with one written
// cell and a TAB ("（四）其他<TAB><TAB>") continues a run of rows.  A table
// is a run with at least two rows: a single line with a TAB in it stays a
// line of text.
#include <utility>
#include <vector>

#include "model/tables.hpp"

namespace nianbao::model {

namespace {

bool is_tab_row(const Build& b, std::size_t idx) { return tab_parts(b, idx).written >= 2; }

bool continues_rows(const Build& b, std::size_t idx) {
    TabParts p = tab_parts(b, idx);
    return p.parts.size() >= 2 && p.written >= 1;
}

std::size_t read_tab_separated(Build& b, std::size_t first) {
    std::size_t n = b.d.lines.size();
    std::size_t last = first, rows = 0;
    for (std::size_t j = first; j < n; ++j) {
        if (is_tab_row(b, j)) {
            last = j;
            ++rows;
        } else if (!continues_rows(b, j)) {
            break;
        }
    }
    if (rows < 2) return first;
    Table t;
    t.layout = TableLayout::tab_separated;
    for (std::size_t k = first; k <= last; ++k) {
        const Line& l = b.d.lines[k];
        std::vector<Cell> row;
        for (Span part : tab_parts(b, k).parts) row.push_back(cell_in_line(b, l, part));
        t.rows.push_back(std::move(row));
    }
    add_table(b, std::move(t), first, last);
    return last + 1;
}

}  // namespace

const TableLayoutReader kTabSeparatedLayout{TableLayout::tab_separated, is_tab_row, read_tab_separated};

}  // namespace nianbao::model
