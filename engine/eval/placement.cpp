// Where a finding points: the `at` expression's place, else the first value
// with a place its check used, else the `for` item, else the report's first
// line; and the table cells it names (the cell it is at, then the operands).
#include "eval/findings.hpp"

namespace nianbao::eval {

Span first_line_span(const Document& doc) {
    for (const auto& l : doc.lines)
        if (!l.blank) return l.view;
    return Span{0, 0};
}

namespace {

// The row's position of a table column (the row's own column list, when it
// has one, decides), -1 when the row has no such column.
int row_column(const BoundTable& bt, const BoundRow& br, int column) {
    if (br.decl->columns.empty()) return column;
    const auto& name = bt.decl->columns[static_cast<std::size_t>(column)].name;
    for (std::size_t j = 0; j < br.decl->columns.size(); ++j)
        if (br.decl->columns[j].first == name) return static_cast<int>(j);
    return -1;
}

// The bound cell of a cell index, null when the row has no such column or nothing was bound there.
const BoundCell* bound_cell(const Evaluator& ev, const CellIndex& i) {
    if (i[2] < 0) return nullptr;
    const BoundTable& bt = ev.bound_table(i[0]);
    const BoundRow& br = bt.rows[static_cast<std::size_t>(i[1])];
    int k = row_column(bt, br, i[2]);
    if (k < 0 || static_cast<std::size_t>(k) >= br.cells.size()) return nullptr;
    return &br.cells[static_cast<std::size_t>(k)];
}

// The cell a value is, if it is one the row has; a row is its label (column -1).
std::optional<CellIndex> cell_of(const Value& v, const Evaluator& ev) {
    if (v.kind == Kind::row && v.table >= 0 && v.row >= 0) return CellIndex{v.table, v.row, -1};
    if (v.table < 0 || v.row < 0 || v.column < 0 || v.cell_state < 0) return std::nullopt;
    const BoundTable& bt = ev.bound_table(v.table);
    if (row_column(bt, bt.rows[static_cast<std::size_t>(v.row)], v.column) < 0) return std::nullopt;
    return CellIndex{v.table, v.row, v.column};
}

FindingCell finding_cell(const RunState& st, const Evaluator& ev, const CellIndex& i, bool at) {
    const BoundTable& bt = ev.bound_table(i[0]);
    const BoundRow& br = bt.rows[static_cast<std::size_t>(i[1])];
    FindingCell fc;
    fc.table = bt.decl->name;
    fc.row = br.decl->name;
    fc.at = at;
    if (i[2] < 0) {  // the row's label
        if (br.found && !br.label.empty()) fc.pos = st.src.locate(st.doc.to_source(br.label).begin);
        return fc;
    }
    fc.column = bt.decl->columns[static_cast<std::size_t>(i[2])].name;
    if (const BoundCell* bc = bound_cell(ev, i); bc && !bc->view.empty())
        fc.pos = st.src.locate(st.doc.to_source(bc->view).begin);
    return fc;
}

// Without an `at` cell, the cell the finding is placed at is the one whose
// place it took: a cell read at that place, else a cell without text of its
// own (blank, unread) in the row whose label is at that place.
std::optional<CellIndex> placed_cell(const Evaluator& ev, Span view_span) {
    for (const auto& c : ev.touched)
        if (const BoundCell* bc = bound_cell(ev, c); bc && !bc->view.empty() && bc->view.begin == view_span.begin)
            return c;
    for (const auto& c : ev.touched) {
        const BoundCell* bc = bound_cell(ev, c);
        const BoundRow& br = ev.bound_table(c[0]).rows[static_cast<std::size_t>(c[1])];
        if ((!bc || bc->view.empty()) && !br.label.empty() && br.label.begin == view_span.begin) return c;
    }
    return std::nullopt;
}

}  // namespace

std::vector<FindingCell> finding_cells(const RunState& st, const Evaluator& ev, Span view_span,
                                       std::optional<CellIndex> at_cell) {
    std::vector<FindingCell> cells;
    if (!at_cell) at_cell = placed_cell(ev, view_span);
    if (at_cell) cells.push_back(finding_cell(st, ev, *at_cell, true));
    for (const auto& c : ev.touched)
        if (c != at_cell) cells.push_back(finding_cell(st, ev, c, false));
    return cells;
}

Span place_missing_when(const Evaluator& ev, std::optional<Span> item_place, const Document& doc) {
    return ev.missing_blame.value_or(ev.blame.value_or(item_place.value_or(first_line_span(doc))));
}

Placement place_not_assessable(const rules::RuleDecl& rule, Evaluator& ev, std::optional<Span> item_place,
                               const Document& doc) {
    std::optional<Span> place;
    std::optional<CellIndex> at_cell;
    if (rule.at) {
        Value a = ev.eval(*rule.at);
        place = a.place;
        at_cell = cell_of(a, ev);
    }
    if (!place) place = ev.missing_blame;
    if (!place) place = ev.blame;
    return {place.value_or(item_place.value_or(first_line_span(doc))), at_cell};
}

Placement place_failure(const rules::RuleDecl& rule, Evaluator& ev, std::optional<Span> item_place,
                        const Document& doc) {
    std::optional<Span> place;
    std::optional<CellIndex> at_cell;
    if (rule.at) {
        auto saved = ev.blame;
        ev.blame.reset();
        Value a = ev.eval(*rule.at);
        at_cell = cell_of(a, ev);
        if (!a.is_missing()) {
            if (a.place) place = a.place;
            else if (a.kind == Kind::scope && !a.scope.empty()) place = a.scope.front();
        }
        ev.blame = saved;
    }
    if (!place) place = ev.blame;
    if (!place) place = item_place;
    if (!place) place = first_line_span(doc);
    return {*place, at_cell};
}

}  // namespace nianbao::eval
