// Binding the tables a rule set declares (grammar/ast.hpp TableDecl) to the
// report.  Works on every layout the model and the readers produce -- cells
// one per line, markdown pipes (also broken ones), tab-separated rows (a table
// copied out of a spreadsheet or word processor), space-aligned rows from PDF
// text layers, labels wrapped or printed one character per line, tables split
// by page breaks with page numbers inside -- by reading the table region as a
// stream of label text and values, the way a person reads a flattened table:
// find each row's label, then take the values that follow it.
//
// Never guesses: a row whose label is not found is `found = false`; a row
// whose label is found but not followed by its values has cells in state
// `unbound` with the reason in `problem`.  Every bound cell keeps its place.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "bind/sections.hpp"
#include "grammar/ast.hpp"
#include "model/document.hpp"

namespace nianbao {

enum class CellState {
    number,   // a number (integer or decimal), possibly with a unit or a note
    blank,    // an empty cell (layouts that keep empty cells: cell-per-line, markdown, real tables)
    dash,     // "-", "—", "/", "／", "无": written, but not a number
    text,     // something else written where a value belongs
    unbound,  // no cell could be bound (row or table not found, values missing)
};
std::string_view to_string(CellState s);

struct BoundCell {
    CellState state = CellState::unbound;
    double number = 0;   // state == number
    std::string text;    // the cell as written (matching view), "" when blank/unbound
    std::string note;    // "其中修订16件" of "22（其中修订16件）"
    std::string unit;    // "万元" of "96171.6万元", "" when none
    Span view;           // place in the matching view (empty when unbound)
};

struct BoundRow {
    const rules::RowDecl* decl = nullptr;
    bool found = false;      // the label was found (always false for unlabeled rows until bound)
    Span label;              // view span of the label as found
    std::string match;       // "label" (canonical), "variant", "unnumbered" (label found without its 1./（一） marker), "position" (unlabeled row)
    std::vector<BoundCell> cells;  // one per column of the row (decl->columns, or all the table's columns)
    std::string problem;     // why cells are unbound, "" when all bound
};

struct BoundTable {
    const rules::TableDecl* decl = nullptr;
    bool found = false;      // the region exists and at least one row was found
    std::string reason;      // when !found: why (section missing, no row label found, ...)
    // The region is there but its cells cannot be told apart (numbers glued to
    // the text and to each other on one line): !found, `reason` says so, and
    // whether the table is there cannot be assessed.
    bool unreadable = false;
    Span region;             // view span searched
    std::vector<BoundRow> rows;  // one per decl->rows, in declaration order
};

// `sections` are the bindings of the same rule set (for `in SECTION`).
std::vector<BoundTable> bind_tables(const Document& doc, std::span<const rules::TableDecl* const> tables,
                                    const std::vector<SectionBinding>& sections);

// Whether a heading of the document is part of a bound table rather than a
// heading of the report: it lies inside the table's region and either between
// the table's first and last bound row, or, a few lines above the first
// bound row, its text is one of the table's declared row labels (a row label
// a conversion wrote as "### 一、…").
bool heading_in_table(const Document& doc, const BoundTable& table, const Heading& heading);

}  // namespace nianbao
