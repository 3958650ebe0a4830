// Parser actions for the names of declarations and for the ruleset, fact and
// section declarations.  Clauses that may appear once are recorded with
// State::once (R408 on repetition); a section's own checks (number, title,
// R411 ranges) are made when its declaration is complete.  Also the unknown
// word at the top level (R119).
#include <string_view>

#include "grammar/actions.hpp"

namespace nianbao::rules::detail::parsing {

using namespace grammar;  // NOLINT

void name_action::apply(const ActionInput& in, State& st) {
    st.names.push_back(NameTok{in.string(), Span{st.off(in.begin()), st.off(in.end())}});
}

// ---------------------------------------------------------------- ruleset
void action<ruleset_kw>::apply(const ActionInput& in, State& st) {
    st.start_decl(st.off(in.begin()), "ruleset");
    st.ruleset = RulesetDecl{};
}
void action<ruleset_name>::apply(const ActionInput&, State& st) {
    NameTok n = st.pop_name();
    st.named(n);
    st.ruleset.name = n.text;
    st.ruleset.name_where = st.where(n.span.begin, n.span.end);
}
void action<ruleset_title>::apply(const ActionInput&, State& st) { st.ruleset.title = st.pop_string(); }
void extends_action::apply(const ActionInput&, State& st) {
    NameTok n = st.pop_name();
    st.ruleset.extends.emplace_back(n.text, st.where(n.span.begin, n.span.end));
}
void drop_action::apply(const ActionInput&, State& st) {
    NameTok n = st.pop_name();
    st.ruleset.drops.emplace_back(n.text, st.where(n.span.begin, n.span.end));
}
void action<rs_applies>::apply(const ActionInput& in, State& st) {
    st.once("applies", Span{st.off(in.begin()), st.off(in.begin()) + 7}, "ruleset");
    st.ruleset.applies = st.exprs.empty() ? nullptr : st.pop_expr();
}
void action<rs_source>::apply(const ActionInput& in, State& st) {
    st.once("source", Span{st.off(in.begin()), st.off(in.begin()) + 6}, "ruleset");
    st.ruleset.source = st.pop_string();
}
void action<unknown_ruleset_clause>::apply(const ActionInput& in, State&) {
    const std::string w = in.string();
    raise_at(in, Err::unknown_clause, {w, "ruleset", did_you_mean(w, {"extends", "drop", "applies", "source"})});
}
void action<ruleset_decl>::apply(const ActionInput&, State& st) {
    st.ruleset.where = st.where(st.decl_begin, st.last_end);
    st.out->ruleset = std::move(st.ruleset);
}

// ---------------------------------------------------------------- fact
void action<fact_kw>::apply(const ActionInput& in, State& st) {
    st.start_decl(st.off(in.begin()), "fact");
    st.fact = FactDecl{};
}
void action<fact_name>::apply(const ActionInput&, State& st) {
    NameTok n = st.pop_name();
    st.named(n);
    st.fact.name = n.text;
    st.fact.name_where = st.where(n.span.begin, n.span.end);
}
void action<fact_label>::apply(const ActionInput&, State& st) { st.fact.label = st.pop_string(); }
void action<fact_decl>::apply(const ActionInput&, State& st) {
    st.fact.value = st.pop_expr();
    st.fact.where = st.where(st.decl_begin, st.fact.value->where.span.end);
    st.out->facts.push_back(std::move(st.fact));
}

// ---------------------------------------------------------------- section
void action<section_kw>::apply(const ActionInput& in, State& st) {
    st.start_decl(st.off(in.begin()), "section");
    st.section = SectionDecl{};
}
void action<section_name>::apply(const ActionInput&, State& st) {
    NameTok n = st.pop_name();
    st.named(n);
    st.section.name = n.text;
    st.section.name_where = st.where(n.span.begin, n.span.end);
}

namespace {
// A whole number in [lo, hi], else R411 at the literal.
int whole_number(State& st, const Expr& e, const char* clause, int lo, int hi) {
    const bool whole = e.text.find('.') == std::string::npos;
    if (!whole || e.number < lo || e.number > hi) {
        st.diag(Err::number_out_of_range, {clause, std::to_string(lo), std::to_string(hi)}, e.where.span);
        return std::string_view(clause) == "level" ? 1 : 0;  // 0 = unknown (no R412 cascade)
    }
    return static_cast<int>(e.number);
}
}  // namespace

void action<sec_number>::apply(const ActionInput& in, State& st) {
    st.once("number", Span{st.off(in.begin()), st.off(in.begin()) + 6}, "section");
    ExprPtr e = st.pop_expr();
    st.section.number = whole_number(st, *e, "number", 1, 99);
}
void action<sec_level>::apply(const ActionInput& in, State& st) {
    st.once("level", Span{st.off(in.begin()), st.off(in.begin()) + 5}, "section");
    ExprPtr e = st.pop_expr();
    st.section.level = whole_number(st, *e, "level", 0, 4);
}
void action<sec_title>::apply(const ActionInput&, State& st) { take_strings(st, st.section.titles); }
void action<sec_variants>::apply(const ActionInput&, State& st) { take_strings(st, st.section.variants); }
void action<sec_discouraged>::apply(const ActionInput&, State& st) { take_strings(st, st.section.discouraged); }
void action<sec_pattern>::apply(const ActionInput&, State& st) {
    for (auto& e : st.exprs) st.section.patterns.push_back(std::move(e));
    st.exprs.clear();
}
void action<sec_optional>::apply(const ActionInput& in, State& st) {
    st.once("optional", Span{st.off(in.begin()), st.off(in.begin()) + 8}, "section");
    st.section.required = false;
}
void action<unknown_section_clause>::apply(const ActionInput& in, State&) {
    const std::string w = in.string();
    raise_at(in, Err::unknown_clause,
             {w, "section", did_you_mean(w, {"number", "level", "title", "variants", "discouraged", "pattern", "optional"})});
}
void action<section_decl>::apply(const ActionInput&, State& st) {
    st.section.where = st.where(st.decl_begin, st.last_end);
    if (!st.seen.count("number")) st.diag(Err::missing_section_number, {st.section.name}, st.section.name_where.span);
    if (st.section.titles.empty()) st.diag(Err::missing_section_title, {st.section.name}, st.section.name_where.span);
    st.out->sections.push_back(std::move(st.section));
}

// ---------------------------------------------------------------- top level
void action<unknown_decl>::apply(const ActionInput& in, State&) {
    const std::string w = in.string();
    raise_at(in, Err::unknown_declaration, {w, did_you_mean(w, {"ruleset", "fact", "section", "table", "rule"})});
}

}  // namespace nianbao::rules::detail::parsing
