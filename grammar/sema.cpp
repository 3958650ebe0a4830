// compile_rules: the semantic passes listed in compile.hpp, run over every
// file; all errors are collected (several per run), nothing throws for bad
// input.  Also RuleLibrary / Ruleset methods and format_diagnostics.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "core/diagnostic.hpp"
#include "grammar/builtins.hpp"
#include "grammar/compile.hpp"
#include "grammar/internal.hpp"

namespace nianbao::rules {

using detail::make_diag;

// ------------------------------------------------------------------ library
bool Ruleset::derives_from(const Ruleset* other) const {
    return std::find(ancestors.begin(), ancestors.end(), other) != ancestors.end();
}

const Ruleset* RuleLibrary::find_ruleset(const std::string& name) const {
    for (const auto& r : rulesets)
        if (r->decl && r->decl->name == name) return r.get();
    return nullptr;
}

std::vector<const RuleDecl*> RuleLibrary::find_rule(const std::string& id) const {
    std::vector<const RuleDecl*> out;
    for (const auto& f : files)
        for (const auto& r : f->rules)
            if (r.id == id) out.push_back(&r);
    return out;
}

std::vector<const RuleDecl*> RuleLibrary::all_rules() const {
    std::map<std::string, const RuleDecl*> best;
    for (const auto& f : files)
        for (const auto& r : f->rules) {
            auto [it, fresh] = best.emplace(r.id, &r);
            if (fresh) continue;
            // keep the most derived declaration (ties: the later one)
            const Ruleset* cur = find_ruleset(it->second->ruleset);
            const Ruleset* cand = find_ruleset(r.ruleset);
            if (!(cur && cand && cur->derives_from(cand))) it->second = &r;
        }
    std::vector<const RuleDecl*> out;
    for (auto& [id, r] : best) out.push_back(r);
    return out;
}

std::string format_diagnostics(const std::vector<RuleDiagnostic>& diags) {
    std::string out;
    for (const auto& d : diags) {
        out += render_header(d.diag);
        if (out.empty() || out.back() != '\n') out += '\n';
        if (d.file) out += render_excerpt(*d.file, d.diag.span);
    }
    return out;
}

namespace {

// ------------------------------------------------------------------ helpers
void for_each_expr(Expr& e, const std::function<void(Expr&)>& f) {
    f(e);
    for (auto& a : e.args)
        if (a) for_each_expr(*a, f);
}

template <typename F>
void for_each_top_expr(RuleFile& file, F&& f) {
    if (file.ruleset && file.ruleset->applies) f(*file.ruleset->applies);
    for (auto& fact : file.facts)
        if (fact.value) f(*fact.value);
    for (auto& s : file.sections)
        for (auto& p : s.patterns)
            if (p) f(*p);
    for (auto& r : file.rules) {
        if (r.loop) f(*r.loop);
        for (auto& w : r.when)
            if (w) f(*w);
        for (auto& l : r.lets)
            if (l.value) f(*l.value);
        if (r.check) f(*r.check);
        if (r.at) f(*r.at);
    }
}

std::string arity_text(const BuiltinInfo& b) {
    auto n = [](int k) { return std::to_string(k) + (k == 1 ? " argument" : " arguments"); };
    if (b.min_args == b.max_args) return n(b.min_args);
    return std::to_string(b.min_args) + " or " + n(b.max_args);
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += sep;
        out += v[i];
    }
    return out;
}

std::vector<std::string> section_member_names() {
    std::vector<std::string> v;
    for (auto m : section_members()) v.emplace_back(m);
    return v;
}

struct Compiler;

// Names visible in one declaration.
struct Scope {
    const std::map<std::string, const FactDecl*>* facts = nullptr;
    const std::set<std::string>* sections = nullptr;
    const std::map<std::string, const TableDecl*>* tables = nullptr;
    struct Local {
        std::string name;
        std::uint32_t visible_from;  // file offset after which it is visible
        std::uint32_t line;
        const Expr* value = nullptr;  // let: its value; for: the list iterated (element = record)
        bool element = false;         // for: the variable is an element of `value`
    };
    std::vector<Local> locals;
    std::vector<Local> later;  // lets declared after the current clause (R209)
};

enum class NameKind { none, local, fact, section, table, builtin_value };

// What is known statically of a value's members: the record of a match
// (first / last / an element of all with a pattern literal): `text` and the
// pattern's captures; a date capture: year, month, day.  Anything else is
// unknown and left to run time.
struct Shape {
    enum Kind { unknown, record, date } kind = unknown;
    const std::vector<Capture>* captures = nullptr;  // record
    [[nodiscard]] std::vector<std::string> members() const {
        std::vector<std::string> v;
        if (kind == record) {
            v.emplace_back("text");
            for (const auto& c : *captures) v.push_back(c.name);
        } else if (kind == date) {
            v = {"year", "month", "day"};
        }
        return v;
    }
    [[nodiscard]] bool has(const std::string& m) const {
        const auto v = members();
        return std::find(v.begin(), v.end(), m) != v.end();
    }
    [[nodiscard]] Shape member(const std::string& m) const {
        if (kind != record) return {};
        for (const auto& c : *captures)
            if (c.name == m && c.type == CaptureType::date) return Shape{date, nullptr};
        return {};
    }
};

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

struct Compiler {
    std::vector<RuleDiagnostic>& diags;
    CharNormalizer& norm;
    std::set<const TableDecl*> opaque;  // stand-ins of tables with a syntax error: members unknown

    void diag(Err e, std::vector<std::string> args, const Where& w) { diags.push_back(make_diag(e, std::move(args), w)); }

    static NameKind lookup(const Scope& sc, const std::string& name, std::uint32_t at) {
        for (const auto& l : sc.locals)
            if (l.name == name && l.visible_from <= at) return NameKind::local;
        if (sc.facts && sc.facts->count(name)) return NameKind::fact;
        if (sc.sections && sc.sections->count(name)) return NameKind::section;
        if (sc.tables && sc.tables->count(name)) return NameKind::table;
        if (const BuiltinInfo* b = find_builtin(name); b && b->min_args < 0) return NameKind::builtin_value;
        return NameKind::none;
    }

    static std::vector<std::string> visible_names(const Scope& sc, std::uint32_t at) {
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
    void unknown_ident(const Scope& sc, const std::string& name, std::uint32_t at, const Where& w, bool placeholder) {
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

    void check_section_member(const std::string& section, const std::string& member, const Where& w) {
        for (auto m : section_members())
            if (m == member) return;
        const auto names = section_member_names();
        diag(Err::unknown_section_member, {section, member, did_you_mean(member, names), join(names, ", ")}, w);
    }

    void check_table_member(const std::string& table, const std::string& member, const Where& w) {
        std::vector<std::string> names;
        for (auto m : table_members()) names.emplace_back(m);
        if (std::find(names.begin(), names.end(), member) != names.end()) return;
        diag(Err::unknown_member, {table, member, did_you_mean(member, names), join(names, ", ")}, w);
    }

    // The static shape of a value (see Shape); `depth` guards against cycles.
    static Shape shape_of_name(const Scope& sc, const std::string& name, std::uint32_t at, int depth) {
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
    static Shape shape_of(const Expr& e, const Scope& sc, std::uint32_t at, int depth = 0) {
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
    void resolve_table_name(Expr& a, const TableDecl& t, bool row_axis, bool groups_only, const Scope& sc,
                            std::uint32_t at) {
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
        diag(Err::unknown_table_entry, {kind, a.text, t.name, did_you_mean(a.text, names)}, a.where);
    }

    // The table named by `obj`, or null after reporting why it is not one.
    const TableDecl* table_arg(Expr& obj, const std::string& usage, const Scope& sc, std::uint32_t at) {
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

    // Pass 4 on one expression.  `at` = the offset used for let visibility.
    void check_expr(Expr& e, const Scope& sc, std::uint32_t at) {
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

    void check_message(const Message& m, const Scope& sc) {
        for (const auto& p : m.pieces) {
            if (!p.placeholder || p.path.empty()) continue;
            const std::uint32_t at = UINT32_MAX;
            const Where root_w{p.where.file, Span{p.where.span.begin,
                                                  p.where.span.begin + static_cast<std::uint32_t>(p.path[0].size())}};
            auto member_w = [&](std::size_t k) {
                std::uint32_t b = p.where.span.begin;
                for (std::size_t j = 0; j < k; ++j) b += static_cast<std::uint32_t>(p.path[j].size()) + 1;
                return Where{p.where.file, Span{b, b + static_cast<std::uint32_t>(p.path[k].size())}};
            };
            const NameKind k = lookup(sc, p.path[0], at);
            if (k == NameKind::none) {
                unknown_ident(sc, p.path[0], at, root_w, true);
            } else if (k == NameKind::section && p.path.size() > 1) {
                check_section_member(p.path[0], p.path[1], member_w(1));
            } else if (k == NameKind::table && p.path.size() > 1) {
                check_table_member(p.path[0], p.path[1], member_w(1));
            } else if (k == NameKind::local || k == NameKind::fact) {
                Shape sh = shape_of_name(sc, p.path[0], at, 0);
                std::string prefix = p.path[0];
                for (std::size_t i = 1; i < p.path.size() && sh.kind != Shape::unknown; ++i) {
                    if (!sh.has(p.path[i])) {
                        const auto names = sh.members();
                        diag(Err::unknown_member, {prefix, p.path[i], did_you_mean(p.path[i], names), join(names, ", ")},
                             member_w(i));
                        break;
                    }
                    sh = sh.member(p.path[i]);
                    prefix += "." + p.path[i];
                }
            }
        }
    }

    // Pass 4 + 6 for one rule.
    void check_rule(RuleDecl& r, const Scope& base) {
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
    void check_table(const TableDecl& t, const Scope& sc) {
        if (!t.section || !sc.sections) return;
        const auto& [name, where] = *t.section;
        if (sc.sections->count(name)) return;
        std::vector<std::string> names(sc.sections->begin(), sc.sections->end());
        diag(Err::unknown_section, {name, did_you_mean(name, names)}, where);
    }

    void normalise_strings(RuleFile& f) {
        auto lit = [&](StringLit& s) { s.normal = norm.normalize(s.value); };
        if (f.ruleset) {
            lit(f.ruleset->title);
            if (f.ruleset->source) lit(*f.ruleset->source);
        }
        for (auto& fact : f.facts)
            if (fact.label) lit(*fact.label);
        for (auto& s : f.sections) {
            for (auto& t : s.titles) lit(t);
            for (auto& t : s.variants) lit(t);
            for (auto& t : s.discouraged) lit(t);
        }
        for (auto& t : f.tables) {
            for (auto& a : t.anchors) lit(a);
            for (auto& c : t.columns)
                if (c.label) lit(*c.label);
            for (auto& r : t.rows)
                for (auto& l : r.labels) lit(l);
        }
        for (auto& r : f.rules) {
            lit(r.title);
            if (r.source) lit(*r.source);
            if (r.explain) lit(*r.explain);
            for (auto& g : r.good) lit(g);
            for (auto& b : r.bad) lit(b);
        }
        for_each_top_expr(f, [&](Expr& top) {
            for_each_expr(top, [&](Expr& e) {
                if (e.kind == ExprKind::string) e.text = norm.normalize(e.text);
            });
        });
    }

    // Pass 5.
    void compile_patterns(RuleFile& f) {
        for (auto& s : f.sections)
            for (auto& p : s.patterns)
                if (p && p->kind != ExprKind::regex) diag(Err::section_pattern_not_regex, {}, p->where);
        for_each_top_expr(f, [&](Expr& top) {
            for_each_expr(top, [&](Expr& e) {
                if (e.kind != ExprKind::regex) return;
                std::vector<detail::PatternError> errs;
                e.regex = detail::compile_pattern(e.text, e.where.span.begin + 1, norm, errs);
                for (auto& pe : errs) diags.push_back(make_diag(pe.code, std::move(pe.args), f.file, pe.span));
            });
        });
    }
};

// Collects the facts an expression refers to by name.
void fact_refs(const Expr& e, std::vector<std::string>& out) {
    if (e.kind == ExprKind::ident && e.table_name == Expr::TableName::none) out.push_back(e.text);
    for (const auto& a : e.args)
        if (a) fact_refs(*a, out);
}

}  // namespace

CompileResult compile_rules(const std::vector<std::shared_ptr<const SourceText>>& sources) {
    CompileResult res;
    std::vector<RuleDiagnostic>& diags = res.diagnostics;
    auto lib = std::make_unique<RuleLibrary>();
    CharNormalizer norm;
    Compiler C{diags, norm, {}};

    // ---- pass 1: parse (each file to its end: broken declarations are
    // reported and stand in by name, see detail::ParseResult)
    std::vector<bool> broken;           // the file's ruleset declaration is missing after a syntax error, or broken
    std::set<std::string> broken_sets;  // names of rule sets whose declaration did not parse
    std::vector<std::vector<std::size_t>> broken_tables;
    for (const auto& src : sources) {
        if (!src) continue;
        detail::ParseResult pr = detail::parse_rule_file(src);
        for (auto& d : pr.diagnostics) diags.push_back(std::move(d));
        if (!pr.broken_ruleset.empty()) broken_sets.insert(pr.broken_ruleset);
        broken.push_back(pr.syntax_error && (pr.ruleset_broken || !pr.file->ruleset));
        broken_tables.push_back(std::move(pr.broken_tables));
        lib->files.push_back(std::move(pr.file));
    }
    const std::size_t nfiles = lib->files.size();
    for (std::size_t i = 0; i < nfiles; ++i)
        for (std::size_t k : broken_tables[i]) C.opaque.insert(&lib->files[i]->tables[k]);

    // ---- pass 2: rule sets, extends, cycles
    std::map<std::string, Ruleset*> by_name;
    std::vector<Ruleset*> set_of_file(nfiles, nullptr);
    std::map<const Ruleset*, std::size_t> file_of_set;
    for (std::size_t i = 0; i < nfiles; ++i) {
        RuleFile& f = *lib->files[i];
        if (broken[i]) continue;
        if (!f.ruleset) {
            // point at the first declaration (or the file start)
            std::uint32_t at = UINT32_MAX;
            for (auto& x : f.facts) at = std::min(at, x.where.span.begin);
            for (auto& x : f.sections) at = std::min(at, x.where.span.begin);
            for (auto& x : f.tables) at = std::min(at, x.where.span.begin);
            for (auto& x : f.rules) at = std::min(at, x.where.span.begin);
            if (at == UINT32_MAX) at = 0;
            diags.push_back(make_diag(Err::missing_ruleset, {}, f.file, Span{at, at}));
            continue;
        }
        RulesetDecl& d = *f.ruleset;
        if (auto it = by_name.find(d.name); it != by_name.end()) {
            const RulesetDecl& prev = *it->second->decl;
            diags.push_back(make_diag(Err::duplicate_ruleset,
                                      {d.name, prev.name_where.path() + ":" + std::to_string(prev.name_where.pos().line)},
                                      d.name_where));
            continue;
        }
        auto rs = std::make_unique<Ruleset>();
        rs->decl = &d;
        by_name[d.name] = rs.get();
        set_of_file[i] = rs.get();
        file_of_set[rs.get()] = i;
        for (auto& r : f.rules) r.ruleset = d.name;
        lib->rulesets.push_back(std::move(rs));
    }
    std::set<const Ruleset*> poisoned;
    std::map<const Ruleset*, std::vector<std::pair<Ruleset*, const Where*>>> edges;
    for (auto& rs : lib->rulesets) {
        std::vector<std::string> known;
        for (auto& [n, r] : by_name) known.push_back(n);
        for (const auto& [name, where] : rs->decl->extends) {
            if (auto it = by_name.find(name); it != by_name.end()) {
                edges[rs.get()].emplace_back(it->second, &where);
            } else if (broken_sets.count(name)) {
                poisoned.insert(rs.get());
            } else {
                diags.push_back(make_diag(Err::unknown_ruleset, {name, did_you_mean(name, known)}, where));
                poisoned.insert(rs.get());
            }
        }
    }
    // cycles: DFS, cutting back edges; topological order = post order
    std::vector<Ruleset*> topo;
    {
        std::map<const Ruleset*, int> color;  // 0 new, 1 on stack, 2 done
        std::vector<Ruleset*> stack;
        std::function<void(Ruleset*)> visit = [&](Ruleset* r) {
            color[r] = 1;
            stack.push_back(r);
            for (auto& [b, where] : edges[r]) {
                if (color[b] == 1) {
                    std::string cycle;
                    auto from = std::find(stack.begin(), stack.end(), b);
                    for (auto it = from; it != stack.end(); ++it) cycle += (*it)->decl->name + " → ";
                    cycle += b->decl->name;
                    diags.push_back(make_diag(Err::extends_cycle, {cycle}, *where));
                    for (auto it = from; it != stack.end(); ++it) poisoned.insert(*it);
                    b = nullptr;  // cut
                    continue;
                }
                if (color[b] == 0) visit(b);
                r->bases.push_back(b);
            }
            stack.pop_back();
            color[r] = 2;
            topo.push_back(r);
        };
        for (auto& rs : lib->rulesets)
            if (color[rs.get()] == 0) visit(rs.get());
        for (auto& rs : lib->rulesets) {  // bases in declaration order, cut edges removed
            rs->bases.clear();
            for (auto& [b, w] : edges[rs.get()])
                if (b) rs->bases.push_back(b);
        }
    }
    // ancestors, nearest first (BFS)
    for (auto& rs : lib->rulesets) {
        std::vector<const Ruleset*> queue(rs->bases.begin(), rs->bases.end());
        for (std::size_t i = 0; i < queue.size(); ++i) {
            const Ruleset* a = queue[i];
            if (std::find(rs->ancestors.begin(), rs->ancestors.end(), a) != rs->ancestors.end()) continue;
            rs->ancestors.push_back(a);
            for (auto* b : a->bases) queue.push_back(b);
        }
    }
    for (auto& rs : lib->rulesets)
        for (auto* a : rs->ancestors)
            if (poisoned.count(a)) poisoned.insert(rs.get());

    // ---- pass 3: duplicates in a file, effective declarations
    std::vector<std::set<const void*>> shadowed(nfiles);  // second declarations of a name in one file
    for (std::size_t i = 0; i < nfiles; ++i) {
        RuleFile& f = *lib->files[i];
        struct Seen { const char* kind; const Where* w; };
        std::map<std::string, Seen> names;
        // in file order: facts, sections and tables share one namespace
        std::vector<std::tuple<std::uint32_t, const char*, const std::string*, const Where*, const void*>> decls;
        for (auto& x : f.facts) decls.emplace_back(x.where.span.begin, "fact", &x.name, &x.name_where, &x);
        for (auto& x : f.sections) decls.emplace_back(x.where.span.begin, "section", &x.name, &x.name_where, &x);
        for (auto& x : f.tables) decls.emplace_back(x.where.span.begin, "table", &x.name, &x.name_where, &x);
        std::sort(decls.begin(), decls.end(), [](auto& a, auto& b) { return std::get<0>(a) < std::get<0>(b); });
        for (auto& [at, kind, name, w, ptr] : decls) {
            auto [it, fresh] = names.emplace(*name, Seen{kind, w});
            if (!fresh) {
                diags.push_back(make_diag(Err::duplicate_name, {*name, it->second.kind, std::to_string(it->second.w->pos().line)}, *w));
                shadowed[i].insert(ptr);
            }
        }
        std::map<std::string, const Where*> ids;
        for (auto& r : f.rules) {
            auto [it, fresh] = ids.emplace(r.id, &r.name_where);
            if (!fresh) {
                diags.push_back(make_diag(Err::duplicate_rule, {r.id, std::to_string(it->second->pos().line)}, r.name_where));
                shadowed[i].insert(&r);
            }
        }
    }
    std::map<const void*, const Ruleset*> owner;
    for (std::size_t i = 0; i < nfiles; ++i)
        if (Ruleset* rs = set_of_file[i]) {
            for (auto& x : lib->files[i]->facts) owner[&x] = rs;
            for (auto& x : lib->files[i]->sections) owner[&x] = rs;
            for (auto& x : lib->files[i]->tables) owner[&x] = rs;
            for (auto& x : lib->files[i]->rules) owner[&x] = rs;
        }
    auto more_derived = [&](const void* cand, const void* cur) {
        const Ruleset* a = owner[cand];
        const Ruleset* b = owner[cur];
        return a && b && a != b && a->derives_from(b);
    };
    for (Ruleset* rs : topo) {
        const std::size_t fi = file_of_set[rs];
        RuleFile& f = *lib->files[fi];
        // facts
        for (const Ruleset* b : rs->bases)
            for (const auto& [n, fd] : b->facts) {
                auto [it, fresh] = rs->facts.emplace(n, fd);
                if (!fresh && more_derived(fd, it->second)) it->second = fd;
            }
        for (auto& x : f.facts)
            if (!shadowed[fi].count(&x)) rs->facts[x.name] = &x;
        // sections
        std::vector<const SectionDecl*> secs;
        auto put_section = [&](const SectionDecl* s, bool own) {
            for (auto& cur : secs)
                if (cur->name == s->name) {
                    if (own || more_derived(s, cur)) cur = s;
                    return;
                }
            secs.push_back(s);
        };
        for (const Ruleset* b : rs->bases)
            for (const SectionDecl* s : b->sections) put_section(s, false);
        for (auto& x : f.sections)
            if (!shadowed[fi].count(&x)) put_section(&x, true);
        std::stable_sort(secs.begin(), secs.end(), [](auto* a, auto* b) { return a->number < b->number; });
        rs->sections = secs;
        for (std::size_t k = 1; k < secs.size(); ++k)
            if (secs[k]->number == secs[k - 1]->number && secs[k]->number > 0 &&
                (owner[secs[k]] == rs || owner[secs[k - 1]] == rs)) {
                const SectionDecl* later = owner[secs[k]] == rs ? secs[k] : secs[k - 1];
                const SectionDecl* other = later == secs[k] ? secs[k - 1] : secs[k];
                diags.push_back(make_diag(Err::duplicate_section_number,
                                          {other->name, later->name, std::to_string(later->number), rs->decl->name},
                                          later->name_where));
            }
        // tables: declaration order, bases first; an own table replaces an inherited one of that name
        std::vector<const TableDecl*> tables;
        auto put_table = [&](const TableDecl* t, bool own) {
            for (auto& cur : tables)
                if (cur->name == t->name) {
                    if (own || more_derived(t, cur)) cur = t;
                    return;
                }
            tables.push_back(t);
        };
        for (const Ruleset* b : rs->bases)
            for (const TableDecl* t : b->tables) put_table(t, false);
        for (auto& x : f.tables)
            if (!shadowed[fi].count(&x)) put_table(&x, true);
        rs->tables = std::move(tables);
        // rules
        std::vector<const RuleDecl*> rules;
        auto put_rule = [&](const RuleDecl* r, bool own) {
            for (auto& cur : rules)
                if (cur->id == r->id) {
                    if (own || more_derived(r, cur)) cur = r;
                    return;
                }
            rules.push_back(r);
        };
        for (const Ruleset* b : rs->bases)
            for (const RuleDecl* r : b->rules) put_rule(r, false);
        std::vector<std::string> inherited;
        for (auto* r : rules) inherited.push_back(r->id);
        for (auto& x : f.rules)
            if (!shadowed[fi].count(&x)) put_rule(&x, true);
        for (const auto& [id, where] : rs->decl->drops) {
            if (poisoned.count(rs)) break;  // its bases are incomplete
            if (std::find(inherited.begin(), inherited.end(), id) == inherited.end()) {
                diags.push_back(make_diag(Err::drop_not_inherited, {id, rs->decl->name, did_you_mean(id, inherited)}, where));
                continue;
            }
            rules.erase(std::remove_if(rules.begin(), rules.end(), [&](auto* r) { return r->id == id; }), rules.end());
        }
        rs->rules = std::move(rules);
    }

    // ---- pass 5 for every file first (the names pass looks at the captures
    // of patterns in inherited facts), then passes 4 and 6 per file
    for (std::size_t i = 0; i < nfiles; ++i) {
        C.normalise_strings(*lib->files[i]);
        C.compile_patterns(*lib->files[i]);
    }
    for (std::size_t i = 0; i < nfiles; ++i) {
        if (broken[i]) continue;  // its rule set is unknown: names cannot be checked
        RuleFile& f = *lib->files[i];
        Ruleset* rs = set_of_file[i];
        if (rs && poisoned.count(rs)) continue;  // its bases are unknown: names cannot be checked
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

    // fact cycles, per effective fact set (each cycle reported once)
    {
        std::set<std::set<const FactDecl*>> reported;
        auto run = [&](const std::map<std::string, const FactDecl*>& facts) {
            std::map<const FactDecl*, int> color;
            std::vector<const FactDecl*> stack;
            // depth-first, with an explicit stack: a chain of thousands of facts must not overflow
            struct Frame {
                const FactDecl* fact;
                std::vector<std::string> refs;
                std::size_t next = 0;
            };
            auto visit = [&](const FactDecl* root) {
                std::vector<Frame> frames;
                auto enter = [&](const FactDecl* f) {
                    color[f] = 1;
                    stack.push_back(f);
                    frames.push_back(Frame{f, {}, 0});
                    if (f->value) fact_refs(*f->value, frames.back().refs);
                };
                enter(root);
                while (!frames.empty()) {
                    Frame& fr = frames.back();
                    if (fr.next == fr.refs.size()) {
                        color[fr.fact] = 2;
                        stack.pop_back();
                        frames.pop_back();
                        continue;
                    }
                    const std::string n = fr.refs[fr.next++];
                    auto it = facts.find(n);
                    if (it == facts.end()) continue;
                    const FactDecl* g = it->second;
                    if (color[g] == 1) {
                        auto from = std::find(stack.begin(), stack.end(), g);
                        std::set<const FactDecl*> members(from, stack.end());
                        if (reported.insert(members).second) {
                            std::string cyc;
                            for (auto k = from; k != stack.end(); ++k) cyc += (*k)->name + " → ";
                            cyc += g->name;
                            diags.push_back(make_diag(Err::fact_cycle, {cyc}, g->name_where));
                        }
                    } else if (color[g] == 0) {
                        enter(g);
                    }
                }
            };
            for (const auto& [n, f] : facts)
                if (color[f] == 0) visit(f);
        };
        for (auto& rs : lib->rulesets)
            if (!poisoned.count(rs.get())) run(rs->facts);
        for (std::size_t i = 0; i < nfiles; ++i)
            if (!broken[i] && !set_of_file[i] && !lib->files[i]->ruleset) {
                std::map<std::string, const FactDecl*> own;
                for (auto& x : lib->files[i]->facts) own.emplace(x.name, &x);
                run(own);
            }
    }

    // order: by file, then position
    std::map<const SourceText*, std::size_t> file_index;
    for (std::size_t i = 0; i < sources.size(); ++i) file_index.emplace(sources[i].get(), i);
    std::stable_sort(diags.begin(), diags.end(), [&](const RuleDiagnostic& a, const RuleDiagnostic& b) {
        const std::size_t fa = file_index.count(a.file.get()) ? file_index[a.file.get()] : 0;
        const std::size_t fb = file_index.count(b.file.get()) ? file_index[b.file.get()] : 0;
        if (fa != fb) return fa < fb;
        return a.diag.span.begin < b.diag.span.begin;
    });
    const bool failed = std::any_of(diags.begin(), diags.end(),
                                    [](const RuleDiagnostic& d) { return d.diag.severity == Severity::error; });
    if (!failed) res.library = std::move(lib);
    return res;
}

CompiledExpression compile_expression(const Ruleset& rs, const std::string& text, const std::string& origin) {
    CompiledExpression res;
    const std::string prefix = kExpressionPrefix;
    auto src = std::make_shared<const SourceText>(origin, prefix + text + "\n");
    detail::ParseResult pr = detail::parse_rule_file(src);
    res.diagnostics = std::move(pr.diagnostics);
    if (pr.syntax_error || !res.diagnostics.empty()) return res;
    RuleFile& f = *pr.file;
    const auto at_expr = static_cast<std::uint32_t>(prefix.size());
    if (f.ruleset || f.facts.size() != 1 || !f.sections.empty() || !f.tables.empty() || !f.rules.empty() ||
        !f.facts[0].value) {
        Diagnostic d;
        d.path = origin;
        d.pos = src->locate(at_expr);
        d.span = Span{at_expr, static_cast<std::uint32_t>(src->text().size())};
        d.message = "not a single expression";
        res.diagnostics.push_back(RuleDiagnostic{d, src});
        return res;
    }
    CharNormalizer norm;
    Compiler C{res.diagnostics, norm, {}};
    C.normalise_strings(f);
    C.compile_patterns(f);
    std::set<std::string> sections;
    std::map<std::string, const TableDecl*> tables;
    for (auto* s : rs.sections) sections.insert(s->name);
    for (auto* t : rs.tables) tables.emplace(t->name, t);
    Scope sc;
    sc.facts = &rs.facts;
    sc.sections = &sections;
    sc.tables = &tables;
    C.check_expr(*f.facts[0].value, sc, UINT32_MAX);
    const bool failed = std::any_of(res.diagnostics.begin(), res.diagnostics.end(),
                                    [](const RuleDiagnostic& d) { return d.diag.severity == Severity::error; });
    if (failed) return res;
    res.expr = f.facts[0].value.get();
    res.holder = std::move(pr.file);
    return res;
}

}  // namespace nianbao::rules
