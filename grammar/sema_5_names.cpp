// Pass 5: names.  Every identifier resolves (fact, section, table, let / for
// variable, builtin value), calls name builtins with the right number of
// arguments, members of sections, tables and of match records known
// statically (Shape) exist, rows and columns of T[ROW, COLUMN], rows(T, G)
// and columns(T, G) name entries of the table (sets Expr::table_name, which
// pass 7 reads), a table's `in SECTION` names a section.  Files whose rule
// set or bases are unknown are skipped: their names cannot be checked.
#include <algorithm>
#include <tuple>

#include "grammar/builtins.hpp"
#include "grammar/sema_passes.hpp"

namespace nianbao::rules::detail::sema {

namespace {

std::string arity_text(const BuiltinInfo& b) {
    auto n = [](int k) { return std::to_string(k) + (k == 1 ? " argument" : " arguments"); };
    if (b.min_args == b.max_args) return n(b.min_args);
    return std::to_string(b.min_args) + " or " + n(b.max_args);
}

std::vector<std::string> section_member_names() {
    std::vector<std::string> v;
    for (auto m : section_members()) v.emplace_back(m);
    return v;
}

std::string source_text(const Expr& e) {
    if (!e.where.file) return e.text;
    const std::string& t = e.where.file->text();
    if (e.where.span.end > t.size() || e.where.span.begin > e.where.span.end) return e.text;
    return t.substr(e.where.span.begin, e.where.span.size());
}

std::vector<std::string> names_of(const std::vector<GroupDecl>& groups) {
    std::vector<std::string> v;
    for (const auto& g : groups) v.push_back(g.name);
    return v;
}

}  // namespace

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += sep;
        out += v[i];
    }
    return out;
}

std::vector<std::string> Shape::members() const {
    std::vector<std::string> v;
    if (kind == record) {
        v.emplace_back("text");
        for (const auto& c : *captures) v.push_back(c.name);
    } else if (kind == date) {
        v = {"year", "month", "day"};
    }
    return v;
}
bool Shape::has(const std::string& m) const {
    const auto v = members();
    return std::find(v.begin(), v.end(), m) != v.end();
}
Shape Shape::member(const std::string& m) const {
    if (kind != record) return {};
    for (const auto& c : *captures)
        if (c.name == m && c.type == CaptureType::date) return Shape{date, nullptr};
    return {};
}

NameKind NameChecker::lookup(const Scope& sc, const std::string& name, std::uint32_t at) {
    for (const auto& l : sc.locals)
        if (l.name == name && l.visible_from <= at) return NameKind::local;
    if (sc.facts && sc.facts->count(name)) return NameKind::fact;
    if (sc.sections && sc.sections->count(name)) return NameKind::section;
    if (sc.tables && sc.tables->count(name)) return NameKind::table;
    if (const BuiltinInfo* b = find_builtin(name); b && b->min_args < 0) return NameKind::builtin_value;
    return NameKind::none;
}

std::vector<std::string> NameChecker::visible_names(const Scope& sc, std::uint32_t at) {
    std::vector<std::string> v;
    for (const auto& l : sc.locals)
        if (l.visible_from <= at) v.push_back(l.name);
    if (sc.facts)
        for (const auto& [n, f] : *sc.facts) v.push_back(n);
    if (sc.sections)
        for (const auto& n : *sc.sections) v.push_back(n);
    if (sc.tables)
        for (const auto& [n, t] : *sc.tables) v.push_back(n);
    for (const auto& b : builtin_table())
        if (b.min_args < 0) v.emplace_back(b.name);
    return v;
}

// An unknown identifier: pick the most helpful error.
void NameChecker::unknown_ident(const Scope& sc, const std::string& name, std::uint32_t at, const Where& w,
                                bool placeholder) {
    if (const BuiltinInfo* b = find_builtin(name); b && b->min_args >= 0 && !placeholder) {
        diag(Err::function_as_value, {name, std::string(b->signature)}, w);
        return;
    }
    for (const auto& l : sc.later)
        if (l.name == name) {
            diag(Err::used_before_let, {name, std::to_string(l.line)}, w);
            return;
        }
    for (const auto& l : sc.locals)
        if (l.name == name && l.visible_from > at) {
            diag(Err::used_before_let, {name, std::to_string(l.line)}, w);
            return;
        }
    diag(placeholder ? Err::unknown_placeholder : Err::unknown_name,
         {name, did_you_mean(name, visible_names(sc, at))}, w);
}

void NameChecker::check_section_member(const std::string& section, const std::string& member,
                                       const Where& w) {
    for (auto m : section_members())
        if (m == member) return;
    const auto names = section_member_names();
    diag(Err::unknown_section_member, {section, member, did_you_mean(member, names), join(names, ", ")}, w);
}

void NameChecker::check_table_member(const std::string& table, const std::string& member, const Where& w) {
    std::vector<std::string> names;
    for (auto m : table_members()) names.emplace_back(m);
    if (std::find(names.begin(), names.end(), member) != names.end()) return;
    diag(Err::unknown_member, {table, member, did_you_mean(member, names), join(names, ", ")}, w);
}

// The static shape of a value (see Shape); `depth` guards against cycles.
Shape NameChecker::shape_of_name(const Scope& sc, const std::string& name, std::uint32_t at, int depth) {
    if (depth > 16) return {};
    for (auto it = sc.locals.rbegin(); it != sc.locals.rend(); ++it)
        if (it->name == name && it->visible_from <= at) {
            if (!it->value) return {};
            if (!it->element) return shape_of(*it->value, sc, it->value->where.span.begin, depth + 1);
            const Expr& l = *it->value;
            if (l.kind == ExprKind::call && l.text == "all" && !l.args.empty() && l.args[0]->kind == ExprKind::regex &&
                l.args[0]->regex)
                return Shape{Shape::record, &l.args[0]->regex->captures};
            return {};
        }
    if (sc.facts) {
        auto it = sc.facts->find(name);
        if (it != sc.facts->end()) {
            if (!it->second->value) return {};
            Scope facts_only;  // a fact sees facts, sections and tables, no locals
            facts_only.facts = sc.facts;
            facts_only.sections = sc.sections;
            facts_only.tables = sc.tables;
            return shape_of(*it->second->value, facts_only, UINT32_MAX, depth + 1);
        }
    }
    return {};
}
Shape NameChecker::shape_of(const Expr& e, const Scope& sc, std::uint32_t at, int depth) {
    switch (e.kind) {
        case ExprKind::call:
            if ((e.text == "first" || e.text == "last") && !e.args.empty() && e.args[0]->kind == ExprKind::regex &&
                e.args[0]->regex)
                return Shape{Shape::record, &e.args[0]->regex->captures};
            return {};
        case ExprKind::ident: return shape_of_name(sc, e.text, at, depth);
        case ExprKind::member: return shape_of(*e.args[0], sc, at, depth).member(e.text);
        default: return {};
    }
}

// A bare identifier in a table's ROW or COLUMN position (a row / column,
// else a group, else a visible variable), or a group in rows() / columns();
// sets Expr::table_name, or reports that it names nothing.
void NameChecker::resolve_table_name(Expr& a, const TableDecl& t, bool row_axis, bool groups_only,
                                     const Scope& sc, std::uint32_t at) {
    if (a.kind != ExprKind::ident) {
        check_expr(a, sc, at);
        return;
    }
    if (opaque.count(&t)) return;  // the table did not parse: its names are unknown
    const auto& groups = row_axis ? t.row_groups : t.column_groups;
    std::vector<std::string> names;
    if (!groups_only) {
        if (row_axis)
            for (const auto& r : t.rows) names.push_back(r.name);
        else
            for (const auto& c : t.columns) names.push_back(c.name);
        if (std::find(names.begin(), names.end(), a.text) != names.end()) {
            a.table_name = row_axis ? Expr::TableName::row : Expr::TableName::column;
            return;
        }
    }
    const auto gnames = names_of(groups);
    if (std::find(gnames.begin(), gnames.end(), a.text) != gnames.end()) {
        a.table_name = row_axis ? Expr::TableName::row_group : Expr::TableName::column_group;
        return;
    }
    if (!groups_only && lookup(sc, a.text, at) != NameKind::none) return;  // a variable, e.g. from `for`
    names.insert(names.end(), gnames.begin(), gnames.end());
    const char* kind = groups_only ? (row_axis ? "row group" : "column group") : (row_axis ? "row" : "column");
    if (missing) {
        missing->push_back({kind, a.text, t.name});
        return;
    }
    diag(Err::unknown_table_entry, {kind, a.text, t.name, did_you_mean(a.text, names)}, a.where);
}

// The table named by `obj`, or null after reporting why it is not one.
const TableDecl* NameChecker::table_arg(Expr& obj, const std::string& usage, const Scope& sc, std::uint32_t at) {
    if (obj.kind == ExprKind::ident) {
        const NameKind k = lookup(sc, obj.text, at);
        if (k == NameKind::table) return sc.tables->at(obj.text);
        if (k == NameKind::none) {
            check_expr(obj, sc, at);  // unknown name (with did-you-mean among tables too)
            return nullptr;
        }
    } else {
        check_expr(obj, sc, at);
    }
    std::vector<std::string> tables;
    if (sc.tables)
        for (const auto& [n, t] : *sc.tables) tables.push_back(n);
    diag(Err::not_a_table, {source_text(obj), usage, did_you_mean(source_text(obj), tables)}, obj.where);
    return nullptr;
}

// Pass 5 on one expression.  `at` = the offset used for let visibility.
void NameChecker::check_expr(Expr& e, const Scope& sc, std::uint32_t at) {
    switch (e.kind) {
        case ExprKind::ident:
            if (lookup(sc, e.text, at) == NameKind::none) unknown_ident(sc, e.text, at, e.where, false);
            return;
        case ExprKind::call: {
            const BuiltinInfo* b = find_builtin(e.text);
            const Where name_w{e.where.file, Span{e.where.span.begin,
                                                  e.where.span.begin + static_cast<std::uint32_t>(e.text.size())}};
            if (b && b->min_args >= 0) {
                const int n = static_cast<int>(e.args.size());
                if (n < b->min_args || n > b->max_args)
                    diag(Err::wrong_arity, {e.text, arity_text(*b), std::to_string(n), std::string(b->signature)}, e.where);
            } else if (b) {
                diag(Err::not_a_function, {e.text, "a builtin value"}, name_w);
            } else {
                switch (lookup(sc, e.text, at)) {
                    case NameKind::local: diag(Err::not_a_function, {e.text, "a local name"}, name_w); break;
                    case NameKind::fact: diag(Err::not_a_function, {e.text, "a fact"}, name_w); break;
                    case NameKind::section: diag(Err::not_a_function, {e.text, "a section"}, name_w); break;
                    case NameKind::table: diag(Err::not_a_function, {e.text, "a table"}, name_w); break;
                    default: {
                        std::vector<std::string> fns;
                        for (const auto& bi : builtin_table())
                            if (bi.min_args >= 0) fns.emplace_back(bi.name);
                        diag(Err::unknown_function, {e.text, did_you_mean(e.text, fns)}, name_w);
                    }
                }
            }
            std::size_t first_plain = 0;
            if (b && (b->id == Builtin::rows || b->id == Builtin::columns) && !e.args.empty()) {
                const bool row_axis = b->id == Builtin::rows;
                const TableDecl* t = table_arg(*e.args[0], std::string(b->signature), sc, at);
                first_plain = 1;
                if (e.args.size() >= 2) {
                    first_plain = 2;
                    if (t) resolve_table_name(*e.args[1], *t, row_axis, true, sc, at);
                    else if (e.args[1]->kind != ExprKind::ident) check_expr(*e.args[1], sc, at);
                }
            }
            for (std::size_t i = first_plain; i < e.args.size(); ++i) check_expr(*e.args[i], sc, at);
            return;
        }
        case ExprKind::index: {
            Expr& obj = *e.args[0];
            const bool cell = e.args.size() == 3;
            const bool table_obj = obj.kind == ExprKind::ident && lookup(sc, obj.text, at) == NameKind::table;
            if (table_obj) {
                const TableDecl& t = *sc.tables->at(obj.text);
                resolve_table_name(*e.args[1], t, true, false, sc, at);
                if (cell) resolve_table_name(*e.args[2], t, false, false, sc, at);
                else diag(Err::cell_needs_row_and_column, {obj.text}, e.where);
                return;
            }
            if (!cell) {
                for (auto& a : e.args) check_expr(*a, sc, at);
                return;
            }
            table_arg(obj, "TABLE[ROW, COLUMN]", sc, at);
            for (std::size_t i = 1; i < e.args.size(); ++i)
                if (e.args[i]->kind != ExprKind::ident) check_expr(*e.args[i], sc, at);  // names: unknown table
            return;
        }
        case ExprKind::member: {
            Expr& obj = *e.args[0];
            check_expr(obj, sc, at);
            const std::uint32_t mb = e.where.span.end - static_cast<std::uint32_t>(e.text.size());
            const Where member_w{e.where.file, Span{mb, e.where.span.end}};
            if (obj.kind == ExprKind::ident) {
                const NameKind k = lookup(sc, obj.text, at);
                if (k == NameKind::section) {
                    check_section_member(obj.text, e.text, member_w);
                    return;
                }
                if (k == NameKind::table) {
                    check_table_member(obj.text, e.text, member_w);
                    return;
                }
            }
            const Shape sh = shape_of(obj, sc, at);
            if (sh.kind != Shape::unknown && !sh.has(e.text)) {
                const auto names = sh.members();
                diag(Err::unknown_member, {source_text(obj), e.text, did_you_mean(e.text, names), join(names, ", ")},
                     member_w);
            }
            return;
        }
        default:
            for (auto& a : e.args)
                if (a) check_expr(*a, sc, at);
            return;
    }
}


void NameChecker::check_rule(RuleDecl& r, const Scope& base) {
    Scope sc = base;
    std::map<std::string, std::uint32_t> defined;  // name -> line
    auto define = [&](const std::string& name, const Where& w) {
        auto [it, fresh] = defined.emplace(name, w.pos().line);
        if (!fresh) diag(Err::duplicate_local, {name, std::to_string(it->second)}, w);
    };
    if (r.loop) {
        check_expr(*r.loop, sc, r.loop->where.span.begin);
        define(*r.loop_var, r.loop_var_where);
        sc.locals.push_back({*r.loop_var, 0, r.loop_var_where.pos().line, r.loop.get(), true});
    }
    for (const auto& l : r.lets) {
        define(l.name, l.name_where);
        sc.locals.push_back({l.name, l.where.span.end, l.name_where.pos().line, l.value.get(), false});
    }
    // when / let: positional visibility
    for (auto& w : r.when) check_expr(*w, sc, w->where.span.begin);
    for (auto& l : r.lets) check_expr(*l.value, sc, l.value->where.span.begin);
    // check, at, message: evaluated after every let
    if (r.check) check_expr(*r.check, sc, UINT32_MAX);
    if (r.at) check_expr(*r.at, sc, UINT32_MAX);
    if (r.message) check_message(*r.message, sc);
}

// A table's `in SECTION` names a section of its rule set.
void NameChecker::check_table(const TableDecl& t, const Scope& sc) {
    if (!t.section || !sc.sections) return;
    const auto& [name, where] = *t.section;
    if (sc.sections->count(name)) return;
    std::vector<std::string> names(sc.sections->begin(), sc.sections->end());
    diag(Err::unknown_section, {name, did_you_mean(name, names)}, where);
}

RulesetScope::RulesetScope(const Ruleset& rs) {
    for (auto* s : rs.sections) sections.insert(s->name);
    for (auto* t : rs.tables) tables.emplace(t->name, t);
    scope.facts = &rs.facts;
    scope.sections = &sections;
    scope.tables = &tables;
}

namespace {

// R505: the rules `rs` inherits, checked in its scope.  Only table entries can
// go missing there (a table declared anew replaces the inherited one; facts
// and sections are only ever replaced or added).
void check_inherited(RuleLibrary& lib, const Ruleset& rs, const Scope& sc,
                     const std::map<std::string, const TableDecl*>& tables, NameChecker& C,
                     std::set<std::tuple<std::string, std::string, const TableDecl*>>& said) {
    const std::set<const RuleDecl*> runs(rs.rules.begin(), rs.rules.end());
    for (auto& f : lib.files) {
        for (auto& r : f->rules) {
            if (!runs.count(&r) || r.ruleset == rs.decl->name) continue;
            Diags scratch;  // everything else was said when the rule's own file was checked
            std::vector<NameChecker::Missing> missing;
            NameChecker sub{scratch, C.opaque, &missing};
            sub.check_rule(r, sc);
            for (const auto& m : missing) {
                const TableDecl* t = tables.at(m.table);
                if (!said.insert({r.id, m.kind + " " + m.name, t}).second) continue;
                std::string remover = "?";
                for (const auto& g : lib.files)
                    if (g->file == t->where.file && g->ruleset) remover = g->ruleset->name;
                const std::string at = r.name_where.path() + ":" + std::to_string(r.name_where.pos().line);
                C.diag(Err::removed_by_extension, {r.id, r.ruleset, at, m.kind, m.name, m.table, remover},
                       t->name_where);
            }
        }
    }
}

}  // namespace

void check_names(RuleLibrary& lib, const Linked& ln, const std::vector<bool>& broken, NameChecker& C) {
    for (std::size_t i = 0; i < lib.files.size(); ++i) {
        if (broken[i]) continue;  // its rule set is unknown: names cannot be checked
        RuleFile& f = *lib.files[i];
        Ruleset* rs = ln.set_of_file[i];
        if (rs && ln.poisoned.count(rs)) continue;  // its bases are unknown: names cannot be checked
        std::map<std::string, const FactDecl*> own_facts;
        std::set<std::string> sections;
        std::map<std::string, const TableDecl*> tables;
        const std::map<std::string, const FactDecl*>* facts = nullptr;
        if (rs) {
            facts = &rs->facts;
            for (auto* s : rs->sections) sections.insert(s->name);
            for (auto* t : rs->tables) tables.emplace(t->name, t);
        } else {
            for (auto& x : f.facts) own_facts.emplace(x.name, &x);
            for (auto& x : f.sections) sections.insert(x.name);
            for (auto& x : f.tables) tables.emplace(x.name, &x);
            facts = &own_facts;
        }
        Scope sc;
        sc.facts = facts;
        sc.sections = &sections;
        sc.tables = &tables;
        if (f.ruleset && f.ruleset->applies) C.check_expr(*f.ruleset->applies, sc, UINT32_MAX);
        for (auto& x : f.facts)
            if (x.value) C.check_expr(*x.value, sc, UINT32_MAX);
        for (auto& t : f.tables) C.check_table(t, sc);
        for (auto& r : f.rules) C.check_rule(r, sc);
    }
    std::set<std::tuple<std::string, std::string, const TableDecl*>> said;
    for (const auto& rsp : lib.rulesets) {
        const Ruleset& rs = *rsp;
        auto fi = ln.file_of_set.find(&rs);
        if (ln.poisoned.count(&rs) || fi == ln.file_of_set.end() || broken[fi->second]) continue;
        const RulesetScope rsc(rs);
        check_inherited(lib, rs, rsc.scope, rsc.tables, C, said);
    }
}

}  // namespace nianbao::rules::detail::sema
