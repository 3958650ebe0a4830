// Tables in expressions: a bound table, its rows and columns as values, a cell
// as a number or a missing value naming why (blank, dash, text, not found), and
// T[R, C] with rows, columns or their groups.  Reading a cell records it in
// `touched`, so that a finding can name the cells it is about.
#include <algorithm>

#include "eval/evaluator.hpp"

namespace nianbao::eval {

using rules::Expr;
using rules::ExprKind;

std::string Evaluator::short_row_label(int t, int r) const {
    const auto& rd = *tables_[static_cast<std::size_t>(t)].rows[static_cast<std::size_t>(r)].decl;
    std::string l = rd.labels.empty() ? rd.name : rd.labels.front().value;
    // "（二）部分公开（区分处理的，…）" -> "（二）部分公开": drop a trailing parenthetical note
    for (std::string_view open : {"\xEF\xBC\x88", "("}) {
        std::size_t p = l.find(open, 4);
        if (p != std::string::npos && p > 6) {
            l.resize(p);
            break;
        }
    }
    return l;
}

std::string Evaluator::column_label(int t, int c) const {
    const auto& cd = tables_[static_cast<std::size_t>(t)].decl->columns[static_cast<std::size_t>(c)];
    return cd.label ? cd.label->value : cd.name;
}

Value Evaluator::table_value(int t) {
    Value v;
    v.kind = Kind::table;
    v.table = t;
    const auto& bt = tables_[static_cast<std::size_t>(t)];
    v.str = bt.decl->name;
    if (!bt.region.empty()) v.place = Span{bt.region.begin, bt.region.begin};
    return v;
}

Value Evaluator::row_value(int t, int r) {
    const auto& br = tables_[static_cast<std::size_t>(t)].rows[static_cast<std::size_t>(r)];
    Value v;
    v.kind = Kind::row;
    v.table = t;
    v.row = r;
    v.str = short_row_label(t, r);
    const auto& region = tables_[static_cast<std::size_t>(t)].region;
    if (br.found && !br.label.empty()) {
        v.place = br.label;
    } else if (br.found) {  // an unlabeled row: where its first value is
        for (const auto& c : br.cells)
            if (!c.view.empty()) {
                v.place = c.view;
                break;
            }
    }
    if (!v.place && !region.empty()) v.place = Span{region.begin, region.begin};  // a missing row: where the table starts
    return v;
}

Value Evaluator::column_value(int t, int c) {
    Value v;
    v.kind = Kind::column;
    v.table = t;
    v.column = c;
    v.str = column_label(t, c);
    return v;
}

Value Evaluator::cell_value(int t, int r, int c) {
    const auto& bt = tables_[static_cast<std::size_t>(t)];
    const auto& br = bt.rows[static_cast<std::size_t>(r)];
    const auto& cname = bt.decl->columns[static_cast<std::size_t>(c)].name;
    int k = -1;
    if (br.decl->columns.empty()) {
        k = c;
    } else {
        for (std::size_t i = 0; i < br.decl->columns.size(); ++i)
            if (br.decl->columns[i].first == cname) k = static_cast<int>(i);
    }
    std::string where = short_row_label(t, r) + "/" + column_label(t, c);
    auto mark = [&](Value v, CellState st, std::optional<Span> at) {
        v.table = t;
        v.row = r;
        v.column = c;
        v.cell_state = static_cast<int>(st);
        v.place = at;
        return v;
    };
    if (k < 0) return mark(Value::missing(where + "：该行没有这一列"), CellState::unbound, std::nullopt);
    if (std::find(touched.begin(), touched.end(), std::array<int, 3>{t, r, c}) == touched.end())
        touched.push_back({t, r, c});
    if (!bt.found) return mark(Value::missing("未找到表格：" + bt.reason), CellState::unbound, std::nullopt);
    if (!br.found) return mark(Value::missing(where + "：未找到该行"), CellState::unbound, std::nullopt);
    if (static_cast<std::size_t>(k) >= br.cells.size())
        return mark(Value::missing(where + "：未读到数值"), CellState::unbound, std::nullopt);
    const BoundCell& cell = br.cells[static_cast<std::size_t>(k)];
    std::optional<Span> at;
    if (!cell.view.empty()) at = cell.view;
    else if (!br.label.empty()) at = br.label;  // a blank cell has no text of its own: point at its row
    switch (cell.state) {
        case CellState::number: return mark(Value::number(cell.number), CellState::number, at);
        case CellState::blank: return mark(Value::missing(where + "：单元格为空"), cell.state, at);
        case CellState::dash: return mark(Value::missing(where + "：单元格为“" + cell.text + "”，不是数字"), cell.state, at);
        case CellState::text: return mark(Value::missing(where + "：单元格“" + cell.text + "”不是数字"), cell.state, at);
        case CellState::unbound:
            return mark(Value::missing(where + "：" + (br.problem.empty() ? std::string("未读到数值") : br.problem)),
                        cell.state, at);
    }
    return Value::missing(where);
}

// Which rows (axis row) or columns (axis column) of table t an index expression
// names: a row/column, a group of them, a row/column value from `for`, or a
// string naming one.  Optional rows of a group that bound nothing are left out.
bool Evaluator::select(Axis axis, int t, const Expr& e, std::vector<int>& out, bool& group, std::string& error) {
    const auto& bt = tables_[static_cast<std::size_t>(t)];
    const auto& decl = *bt.decl;
    const bool rows = axis == Axis::row;
    auto by_name = [&](const std::string& name) -> int {
        if (rows) {
            for (std::size_t i = 0; i < bt.rows.size(); ++i)
                if (bt.rows[i].decl->name == name) return static_cast<int>(i);
        } else {
            for (std::size_t i = 0; i < decl.columns.size(); ++i)
                if (decl.columns[i].name == name || (decl.columns[i].label && decl.columns[i].label->value == name))
                    return static_cast<int>(i);
        }
        return -1;
    };
    auto left_out = [&](int i) {
        if (!rows) return false;
        const auto& br = bt.rows[static_cast<std::size_t>(i)];
        bool any_bound = std::any_of(br.cells.begin(), br.cells.end(),
                                     [](const BoundCell& c) { return c.state != CellState::unbound; });
        return br.decl->optional && (!br.found || !any_bound);  // absent optional rows are left out
    };
    auto group_members = [&](const std::string& name) -> bool {
        for (const auto& g : rows ? decl.row_groups : decl.column_groups) {
            if (g.name != name) continue;
            group = true;
            for (const auto& m : g.members)
                if (int i = by_name(m.first); i >= 0 && !left_out(i)) out.push_back(i);
            return true;
        }
        return false;
    };
    const auto one = rows ? Expr::TableName::row : Expr::TableName::column;
    const auto many = rows ? Expr::TableName::row_group : Expr::TableName::column_group;
    if (e.kind == ExprKind::ident && e.table_name == one) {
        if (int i = by_name(e.text); i >= 0) {
            out.push_back(i);
            return true;
        }
    }
    if (e.kind == ExprKind::ident && e.table_name == many && group_members(e.text)) return true;
    Value v = eval(e);
    if (v.kind == (rows ? Kind::row : Kind::column) && v.table == t) {
        out.push_back(rows ? v.row : v.column);
        return true;
    }
    if (v.kind == Kind::string) {
        if (int i = by_name(v.str); i >= 0) {
            out.push_back(i);
            return true;
        }
        if (group_members(v.str)) return true;
    }
    error = v.is_missing() ? v.str
                           : "表格“" + decl.name + (rows ? "”没有这一行：" : "”没有这一列：") + render(v, doc_);
    return false;
}

Value Evaluator::table_index(const Value& table, const Expr& e) {
    std::vector<int> rows, cols;
    bool row_group = false, col_group = false;
    std::string err;
    if (!select(Axis::row, table.table, *e.args[1], rows, row_group, err)) return Value::missing(err);
    if (!select(Axis::column, table.table, *e.args[2], cols, col_group, err)) return Value::missing(err);
    if (!row_group && !col_group) return cell_value(table.table, rows.front(), cols.front());
    Value l;
    l.kind = Kind::list;
    for (int r : rows)
        for (int c : cols) l.items.push_back(cell_value(table.table, r, c));
    return l;
}

}  // namespace nianbao::eval
