// The cell-per-line layout: what the readers make of real (HTML, DOCX)
// tables and what text conversions of Word tables look like -- each cell on a
// line of its own beginning with a TAB, a blank line after each row, an empty
// "\t" line for a covered or empty cell (a covered one, placed by the reader
// where the cell covering it is placed, is marked Cell::covered).  A cell wrapped over several lines
// (lines without the TAB) is one cell; a run without any row of two cells is
// TAB-indented prose, not a table.
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "model/markers.hpp"
#include "model/tables.hpp"
#include "model/text.hpp"

namespace nianbao::model {

namespace {

// A line of one cell: it begins with a TAB and is not a tab-separated row.
bool is_cell_line(const Build& b, std::size_t idx) {
    std::string_view s = b.src_line(idx);
    return !s.empty() && s[0] == '\t' && !kTabSeparatedLayout.begins(b, idx);
}

bool looks_like_top_heading(const Build& b, std::size_t idx) {
    std::string_view v = b.view_line(idx);
    auto m = match_marker(v, skip_line_decoration(v));
    return m && (m->style == NumStyle::part || m->style == NumStyle::cjk_dun);
}

Cell cell_from_line(const Build& b, std::size_t idx) {
    const Line& l = b.d.lines[idx];
    Cell c;
    c.line = l.number;
    Span content{l.src.begin, l.src.end};
    if (content.begin < content.end && b.st[content.begin] == '\t') ++content.begin;
    c.src = trim_span(b.st, content);
    if (c.src.empty()) c.src = {content.begin, content.begin};
    c.view = l.view;
    c.text = std::string(b.view_line(idx));
    c.empty = c.text.empty();
    if (c.empty) c.view = {l.view.begin, l.view.begin};
    return c;
}

// A wrapped cell: the text of line `idx` continues cell `c`.
void extend_cell(const Build& b, Cell& c, std::size_t idx) {
    const Line& l = b.d.lines[idx];
    Span s = trim_span(b.st, l.src);
    std::string_view v = b.view_line(idx);
    if (c.empty) {
        if (!v.empty()) {
            c.src = s;
            c.view = l.view;
            c.line = l.number;
        }
    } else {
        if (!s.empty()) c.src.end = s.end;
        if (!v.empty()) c.view.end = l.view.end;
    }
    c.text += v;
    c.empty = c.text.empty();
}

// A line that is neither a cell nor blank continues the last cell when it
// follows a cell directly and does not begin something else.
bool continues_cell(const Build& b, std::size_t idx) {
    return !kMarkdownLayout.begins(b, idx) && !kTabSeparatedLayout.begins(b, idx) && !looks_like_top_heading(b, idx);
}

// Where the reader placed the TAB that begins the cell's line (renderings only).
std::optional<Origin> tab_origin(const Build& b, const Cell& c) {
    if (c.line == 0 || c.line > b.d.lines.size()) return std::nullopt;
    return b.src.origin(b.d.lines[c.line - 1].src.begin);
}

// An empty cell placed where the cell before it in the row, or the cell above
// it, is placed: a slot that cell's span covers.
bool is_covered_slot(const Build& b, const Cell& c, const std::vector<Cell>& row, const Table& t) {
    if (!c.empty) return false;
    const auto at = tab_origin(b, c);
    if (!at) return false;
    if (!row.empty() && tab_origin(b, row.back()) == at) return true;
    if (!t.rows.empty() && row.size() < t.rows.back().size() && tab_origin(b, t.rows.back()[row.size()]) == at)
        return true;
    return false;
}

std::size_t read_cell_per_line(Build& b, std::size_t first) {
    std::size_t n = b.d.lines.size();
    Table t;
    t.layout = TableLayout::cell_per_line;
    std::vector<Cell> row;
    bool pending_sep = false, prev_was_cell = false;
    std::size_t last = first;
    for (std::size_t j = first; j < n; ++j) {
        if (is_cell_line(b, j)) {
            if (pending_sep && !row.empty()) {
                t.rows.push_back(std::move(row));
                row.clear();
            }
            pending_sep = false;
            Cell c = cell_from_line(b, j);
            c.covered = is_covered_slot(b, c, row, t);
            row.push_back(std::move(c));
            prev_was_cell = true;
            last = j;
        } else if (b.d.lines[j].blank) {
            pending_sep = true;
            prev_was_cell = false;
        } else if (prev_was_cell && !row.empty() && continues_cell(b, j)) {
            extend_cell(b, row.back(), j);  // wrapped label
            last = j;
        } else {
            break;
        }
    }
    if (!row.empty()) t.rows.push_back(std::move(row));
    bool grid = std::any_of(t.rows.begin(), t.rows.end(), [](const auto& r) { return r.size() >= 2; });
    if (grid) add_table(b, std::move(t), first, last);
    return last + 1;  // without a grid: TAB-indented prose, not a table
}

}  // namespace

const TableLayoutReader kCellPerLineLayout{TableLayout::cell_per_line, is_cell_line, read_cell_per_line};

}  // namespace nianbao::model
