// The table layouts of the model, behind one interface: each layout says
// whether a line may begin one of its tables and reads the run of lines that
// follows into a Table of Cells as written.  build_tables (tables.cpp) tries
// the layouts in order at each line.  Internal to engine/model.
//
//   markdown       table_markdown.cpp       | a | b |
//   tab_separated  table_tab_separated.cpp  a<TAB>b<TAB>c, one row per line
//   cell_per_line  table_cell_per_line.cpp  one "\t"-led line per cell, a blank line after each row
#pragma once
#include <cstddef>
#include <span>
#include <vector>

#include "model/build.hpp"

namespace nianbao::model {

struct TableLayoutReader {
    TableLayout layout;
    // The line at index `idx` of d.lines may begin a table of this layout.
    bool (*begins)(const Build& b, std::size_t idx);
    // Reads the run of lines that begins at `first` (begins() is true there),
    // adds its Table when the run is one, and returns the index of the first
    // line after the lines it took; `first` when it took none (the next
    // layout is tried).
    std::size_t (*read)(Build& b, std::size_t first);
};

extern const TableLayoutReader kMarkdownLayout;
extern const TableLayoutReader kTabSeparatedLayout;
extern const TableLayoutReader kCellPerLineLayout;

// The layouts in the order they are tried.
std::span<const TableLayoutReader> table_layouts();

// Shared by the layouts ------------------------------------------------------

// Numbers the cells (row, col), sets the table's first and last lines from the
// line indices [first, last], marks those lines as the table's and appends it.
void add_table(Build& b, Table t, std::size_t first, std::size_t last);

// The cell written at source span `part` of line `l`: its text trimmed, its
// source and view spans (empty, at the part's start, when nothing is written).
Cell cell_in_line(const Build& b, const Line& l, Span part);

// The source spans of the TAB-separated parts of line `idx` (the whole line
// when it holds no TAB), and how many of them hold more than whitespace.
struct TabParts {
    std::vector<Span> parts;
    std::size_t written = 0;
};
TabParts tab_parts(const Build& b, std::size_t idx);

}  // namespace nianbao::model
