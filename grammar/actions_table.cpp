// Parser actions for the table declaration (docs/rule-language.md, "Tables"):
// columns, groups (raw until the table is complete), rows and their options.
// finish_table makes the checks that need only the table's own clauses:
// unique names, groups expanded, a row's columns exist, labels.
#include <algorithm>
#include <map>

#include "grammar/actions.hpp"

namespace nianbao::rules::detail::parsing {

using namespace grammar;  // NOLINT

void action<table_kw>::apply(const ActionInput& in, State& st) {
    st.start_decl(st.off(in.begin()), "table");
    st.table = TableDecl{};
    st.raw_colgroups.clear();
    st.raw_rowgroups.clear();
    st.items.clear();
    st.row_seen.clear();
}
void action<table_name>::apply(const ActionInput&, State& st) {
    NameTok n = st.pop_name();
    st.named(n);
    st.table.name = n.text;
    st.table.name_where = st.where(n.span.begin, n.span.end);
}
void action<tbl_in>::apply(const ActionInput& in, State& st) {
    st.once("in", kw_span(st, in.begin(), 2), "table");
    NameTok n = st.pop_name();
    if (!st.table.section) st.table.section.emplace(n.text, st.where(n.span.begin, n.span.end));
}
void action<tbl_anchor>::apply(const ActionInput&, State& st) { take_strings(st, st.table.anchors); }

// ---------------------------------------------------------------- columns and groups
void action<column_ident>::apply(const ActionInput& in, State& st) {
    NameTok n = token(in, st);
    ColumnDecl c;
    c.name = n.text;
    c.where = st.where(n.span.begin, n.span.end);
    st.table.columns.push_back(std::move(c));
}
void action<column_label>::apply(const ActionInput&, State& st) {
    StringLit s = st.pop_string();
    if (!st.table.columns.empty()) st.table.columns.back().label = std::move(s);
}
void action<group_ident>::apply(const ActionInput& in, State& st) {
    st.group = token(in, st);
    st.items.clear();
}
void action<member_ident>::apply(const ActionInput& in, State& st) { st.items.push_back({token(in, st), std::nullopt}); }
void action<range_end_ident>::apply(const ActionInput& in, State& st) {
    NameTok n = token(in, st);
    if (!st.items.empty()) st.items.back().end = std::move(n);
}

namespace {
void end_group(State& st, std::vector<State::RawGroup>& to) {
    State::RawGroup g;
    g.decl.name = st.group.text;
    g.decl.where = st.where(st.group.span.begin, st.group.span.end);
    g.items = std::move(st.items);
    st.items.clear();
    to.push_back(std::move(g));
}
}  // namespace

void action<tbl_colgroup>::apply(const ActionInput&, State& st) { end_group(st, st.raw_colgroups); }
void action<tbl_rowgroup>::apply(const ActionInput&, State& st) { end_group(st, st.raw_rowgroups); }

// ---------------------------------------------------------------- rows
void action<row_ident>::apply(const ActionInput& in, State& st) {
    NameTok n = token(in, st);
    RowDecl r;
    r.name = n.text;
    r.where = st.where(n.span.begin, n.span.end);
    st.table.rows.push_back(std::move(r));
    st.row_seen.clear();
    st.strings.clear();
}
void action<row_col_ident>::apply(const ActionInput& in, State& st) {
    NameTok n = token(in, st);
    if (!st.table.rows.empty()) st.table.rows.back().columns.emplace_back(n.text, st.where(n.span.begin, n.span.end));
}
void action<row_opt_columns>::apply(const ActionInput& in, State& st) {
    st.row_once("columns", "columns", kw_span(st, in.begin(), 7));
}
void action<row_opt_optional>::apply(const ActionInput& in, State& st) {
    const NameTok n = token(in, st);
    st.row_once("optional", "optional", n.span);
    if (!st.table.rows.empty()) st.table.rows.back().optional = true;
}
void action<row_opt_unlabeled>::apply(const ActionInput& in, State& st) {
    const NameTok n = token(in, st);
    st.row_once("unlabeled", "unlabeled", n.span);
    if (!st.table.rows.empty()) st.table.rows.back().unlabeled = true;
}

namespace {
void row_type(const ActionInput& in, State& st, ValueType t) {
    const NameTok n = token(in, st);
    st.row_once(n.text, "type", n.span);
    if (!st.table.rows.empty() && !st.table.rows.back().type) st.table.rows.back().type = t;
}
void table_type(const ActionInput& in, State& st, ValueType t) {
    token(in, st);
    if (!st.seen.count("type")) st.table.type = t;
}
}  // namespace

void action<row_opt_integer>::apply(const ActionInput& in, State& st) { row_type(in, st, ValueType::integer); }
void action<row_opt_decimal>::apply(const ActionInput& in, State& st) { row_type(in, st, ValueType::decimal); }
void action<tbl_row>::apply(const ActionInput&, State& st) {
    if (!st.table.rows.empty()) take_strings(st, st.table.rows.back().labels);
    st.strings.clear();
}

// ---------------------------------------------------------------- type, end
void action<type_integer>::apply(const ActionInput& in, State& st) { table_type(in, st, ValueType::integer); }
void action<type_decimal>::apply(const ActionInput& in, State& st) { table_type(in, st, ValueType::decimal); }
void action<tbl_type>::apply(const ActionInput& in, State& st) { st.once("type", kw_span(st, in.begin(), 4), "table"); }
void action<unknown_table_clause>::apply(const ActionInput& in, State&) {
    const std::string w = in.string();
    raise_at(in, Err::unknown_clause,
             {w, "table",
              did_you_mean(w, {"in", "anchor", "columns", "colgroup", "rowgroup", "row", "type", "optional", "unlabeled",
                               "integer", "decimal"})});
}

// The checks of a table that need only its own clauses: names unique among
// columns and column groups, and among rows and row groups; groups expanded
// (ranges in declaration order); a row's columns exist; labels.
void finish_table(State& st) {
    TableDecl& t = st.table;
    struct Entry {
        const std::string* name;
        const Where* where;
        const char* kind;
    };
    auto unique = [&](std::vector<Entry> entries) {
        std::stable_sort(entries.begin(), entries.end(),
                         [](const Entry& a, const Entry& b) { return a.where->span.begin < b.where->span.begin; });
        std::map<std::string, const Entry*> seen;
        for (const auto& e : entries) {
            auto [it, fresh] = seen.emplace(*e.name, &e);
            if (!fresh)
                st.diag(Err::duplicate_table_entry,
                        {*e.name, t.name, it->second->kind, std::to_string(it->second->where->pos().line)},
                        e.where->span);
        }
    };
    std::vector<std::string> column_names, row_names;
    for (const auto& c : t.columns) column_names.push_back(c.name);
    for (const auto& r : t.rows) row_names.push_back(r.name);
    auto expand = [&](State::RawGroup& g, const std::vector<std::string>& names, const char* kind) {
        auto index_of = [&](const NameTok& n) -> std::size_t {
            const auto it = std::find(names.begin(), names.end(), n.text);
            if (it == names.end()) {
                st.diag(Err::unknown_table_entry, {kind, n.text, t.name, did_you_mean(n.text, names)}, n.span);
                return names.size();
            }
            return static_cast<std::size_t>(it - names.begin());
        };
        for (const auto& item : g.items) {
            const std::size_t a = index_of(item.name);
            if (!item.end) {
                if (a < names.size()) g.decl.members.emplace_back(names[a], st.where(item.name.span.begin, item.name.span.end));
                continue;
            }
            const std::size_t b = index_of(*item.end);
            if (a >= names.size() || b >= names.size()) continue;
            const Span range{item.name.span.begin, item.end->span.end};
            if (b < a) {
                st.diag(Err::reversed_range, {item.name.text, item.end->text, t.name}, range);
                continue;
            }
            for (std::size_t k = a; k <= b; ++k) {
                const Span sp = k == a ? item.name.span : k == b ? item.end->span : range;
                g.decl.members.emplace_back(names[k], st.where(sp.begin, sp.end));
            }
        }
    };
    for (auto& g : st.raw_colgroups) {
        expand(g, column_names, "column");
        t.column_groups.push_back(std::move(g.decl));
    }
    for (auto& g : st.raw_rowgroups) {
        expand(g, row_names, "row");
        t.row_groups.push_back(std::move(g.decl));
    }
    std::vector<Entry> cols, rows;
    for (const auto& c : t.columns) cols.push_back({&c.name, &c.where, "column"});
    for (const auto& g : t.column_groups) cols.push_back({&g.name, &g.where, "column group"});
    for (const auto& r : t.rows) rows.push_back({&r.name, &r.where, "row"});
    for (const auto& g : t.row_groups) rows.push_back({&g.name, &g.where, "row group"});
    unique(std::move(cols));
    unique(std::move(rows));
    for (const auto& r : t.rows) {
        for (const auto& [c, w] : r.columns)
            if (std::find(column_names.begin(), column_names.end(), c) == column_names.end())
                st.diag(Err::unknown_table_entry, {"column", c, t.name, did_you_mean(c, column_names)}, w.span);
        if (r.unlabeled && !r.labels.empty()) st.diag(Err::unlabeled_row_label, {r.name}, r.labels.front().where.span);
        if (!r.unlabeled && r.labels.empty()) st.diag(Err::missing_row_label, {r.name}, r.where.span);
    }
    if (t.columns.empty()) st.diag(Err::empty_table, {t.name, "columns"}, t.name_where.span);
    if (t.rows.empty()) st.diag(Err::empty_table, {t.name, "rows"}, t.name_where.span);
}

void action<table_decl>::apply(const ActionInput&, State& st) {
    st.table.where = st.where(st.decl_begin, st.last_end);
    finish_table(st);
    st.out->tables.push_back(std::move(st.table));
}

}  // namespace nianbao::rules::detail::parsing
