// Parser actions for the rule declaration: id, severity, title and clauses.
// A rule has exactly one check (require / forbid / report, R406 for a second
// one); source, message and the check are required (R403-R405), checked when
// the declaration is complete.  The message text is split into pieces by
// parse_message (message.cpp).
#include "grammar/actions.hpp"

namespace nianbao::rules::detail::parsing {

using namespace grammar;  // NOLINT

void action<rule_kw>::apply(const ActionInput& in, State& st) {
    st.start_decl(st.off(in.begin()), "rule");
    st.rule = RuleDecl{};
}
void action<rule_id>::apply(const ActionInput&, State& st) {
    NameTok n = st.pop_name();
    st.named(n);
    st.rule.id = n.text;
    st.rule.name_where = st.where(n.span.begin, n.span.end);
}
void action<severity_word>::apply(const ActionInput& in, State& st) {
    const std::string w = in.string();
    if (w == "error") st.rule.severity = Severity::error;
    else if (w == "warning") st.rule.severity = Severity::warning;
    else if (w == "info") st.rule.severity = Severity::info;
    else st.diag(Err::unknown_severity, {w}, Span{st.off(in.begin()), st.off(in.end())});
}
void action<rule_title>::apply(const ActionInput&, State& st) { st.rule.title = st.pop_string(); }

// ---------------------------------------------------------------- clauses
void action<rule_source>::apply(const ActionInput& in, State& st) {
    st.once("source", kw_span(st, in.begin(), 6), "rule");
    st.rule.source = st.pop_string();
}
void action<rule_message>::apply(const ActionInput& in, State& st) {
    st.once("message", kw_span(st, in.begin(), 7), "rule");
    StringLit s = st.pop_string();
    st.rule.message = parse_message(st, s);
}
void action<rule_explain>::apply(const ActionInput& in, State& st) {
    st.once("explain", kw_span(st, in.begin(), 7), "rule");
    st.rule.explain = st.pop_string();
}
void action<rule_good>::apply(const ActionInput&, State& st) { st.rule.good.push_back(st.pop_string()); }
void action<rule_bad>::apply(const ActionInput&, State& st) { st.rule.bad.push_back(st.pop_string()); }
void action<rule_for>::apply(const ActionInput& in, State& st) {
    st.once("for", kw_span(st, in.begin(), 3), "rule");
    ExprPtr e = st.pop_expr();
    NameTok n = st.pop_name();
    if (!st.rule.loop) {
        st.rule.loop_var = n.text;
        st.rule.loop_var_where = st.where(n.span.begin, n.span.end);
        st.rule.loop = std::move(e);
    }
}
void action<rule_when>::apply(const ActionInput&, State& st) { st.rule.when.push_back(st.pop_expr()); }
void action<rule_let>::apply(const ActionInput& in, State& st) {
    LetClause l;
    l.value = st.pop_expr();
    NameTok n = st.pop_name();
    l.name = n.text;
    l.name_where = st.where(n.span.begin, n.span.end);
    l.where = st.where(st.off(in.begin()), l.value->where.span.end);
    st.rule.lets.push_back(std::move(l));
}

// ---------------------------------------------------------------- the check
void check_kw_action::apply(const ActionInput& in, State& st) { st.kw = Span{st.off(in.begin()), st.off(in.end())}; }

namespace {
void set_check(State& st, CheckKind kind, const char* word, ExprPtr e) {
    if (st.check_seen) {
        st.diag(Err::several_checks, {st.rule.id, st.check_seen->first, std::to_string(st.line_of(st.check_seen->second))},
                st.kw);
        return;
    }
    st.check_seen.emplace(word, st.kw);
    st.rule.check_kind = kind;
    st.rule.check = std::move(e);
    st.rule.check_where = st.where(st.kw.begin, st.kw.end);
}
}  // namespace

void action<rule_require>::apply(const ActionInput&, State& st) {
    set_check(st, CheckKind::require, "require", st.pop_expr());
}
void action<rule_forbid>::apply(const ActionInput&, State& st) { set_check(st, CheckKind::forbid, "forbid", st.pop_expr()); }
void action<report_expr>::apply(const ActionInput&, State& st) {
    ExprPtr e = st.pop_expr();
    st.diag(Err::report_with_expression, {}, e->where.span);
}
void action<rule_report>::apply(const ActionInput&, State& st) { set_check(st, CheckKind::report, "report", nullptr); }

void action<rule_at>::apply(const ActionInput& in, State& st) {
    st.once("at", kw_span(st, in.begin(), 2), "rule");
    ExprPtr e = st.pop_expr();
    if (!st.rule.at) st.rule.at = std::move(e);
}
void action<unknown_rule_clause>::apply(const ActionInput& in, State&) {
    const std::string w = in.string();
    raise_at(in, Err::unknown_clause,
             {w, "rule",
              did_you_mean(w, {"source", "message", "require", "forbid", "report", "when", "let", "for", "at", "explain",
                               "good", "bad"})});
}
void action<rule_decl>::apply(const ActionInput&, State& st) {
    RuleDecl& r = st.rule;
    r.where = st.where(st.decl_begin, st.last_end);
    const Span id = r.name_where.span;
    if (!r.source) st.diag(Err::missing_source, {r.id}, id);
    if (!r.message) st.diag(Err::missing_message, {r.id}, id);
    if (!st.check_seen) st.diag(Err::missing_check, {r.id}, id);
    st.out->rules.push_back(std::move(r));
}

}  // namespace nianbao::rules::detail::parsing
