// Parser actions for literals and expressions: each builds an AST node with
// its span (without trailing whitespace) on State::exprs.  Operators are
// pushed on State::ops and taken by the node after its operand(s); calls,
// lists, case and index expressions collect their arguments above a Marker.
// A node taller than kMaxExprHeight is error R128 (push_node).
#include <cstdlib>

#include "grammar/actions.hpp"

namespace nianbao::rules::detail::parsing {

using namespace grammar;  // NOLINT

void action<string_open>::apply(const ActionInput& in, State& st) { st.string_open = st.off(in.begin()); }
void action<regex_open>::apply(const ActionInput& in, State& st) { st.regex_open = st.off(in.begin()); }

void action<string_lit>::apply(const ActionInput& in, State& st) {
    StringLit s;
    const std::uint32_t b = st.off(in.begin());
    s.value = unescape_string(std::string_view(in.begin(), in.size()), b, nullptr);
    s.where = st.where(b, st.off(in.end()));
    st.last_end = s.where.span.end;
    st.strings.push_back(std::move(s));
}

void action<string_tok>::apply(const ActionInput&, State& st) {
    StringLit s = st.pop_string();
    auto e = make_expr(ExprKind::string, s.where);
    e->text = std::move(s.value);
    st.exprs.push_back(std::move(e));
}

void action<regex_lit>::apply(const ActionInput& in, State& st) {
    const std::uint32_t b = st.off(in.begin()), e = st.off(in.end());
    auto x = make_expr(ExprKind::regex, st.where(b, e));
    x->text = std::string(in.begin() + 1, in.size() - 2);  // as written, between the slashes
    st.last_end = e;
    st.exprs.push_back(std::move(x));
}

void action<number_lit>::apply(const ActionInput& in, State& st) {
    const std::uint32_t b = st.off(in.begin()), e = st.off(in.end());
    auto x = make_expr(ExprKind::number, st.where(b, e));
    x->text = in.string();
    x->number = std::strtod(x->text.c_str(), nullptr);
    st.last_end = e;
    st.exprs.push_back(std::move(x));
}

namespace {
void push_bool(const ActionInput& in, State& st, bool v) {
    const std::uint32_t b = st.off(in.begin()), e = st.off(in.end());
    auto x = make_expr(ExprKind::boolean, st.where(b, e));
    x->boolean = v;
    x->text = v ? "true" : "false";
    st.last_end = e;
    st.exprs.push_back(std::move(x));
}
}  // namespace
void action<kw_true>::apply(const ActionInput& in, State& st) { push_bool(in, st, true); }
void action<kw_false>::apply(const ActionInput& in, State& st) { push_bool(in, st, false); }

void action<ident_ref>::apply(const ActionInput& in, State& st) {
    const std::uint32_t b = st.off(in.begin()), e = st.off(in.end());
    auto x = make_expr(ExprKind::ident, st.where(b, e));
    x->text = in.string();
    st.last_end = e;
    st.exprs.push_back(std::move(x));
}

void end_action::apply(const ActionInput& in, State& st) { st.last_end = st.off(in.end()); }

void action<paren_expr>::apply(const ActionInput& in, State& st) {
    if (!st.exprs.empty()) st.exprs.back()->where.span = Span{st.off(in.begin()), st.last_end};
}

void action<call_name>::apply(const ActionInput& in, State& st) {
    st.call_name = NameTok{in.string(), Span{st.off(in.begin()), st.off(in.end())}};
}
void action<call_head>::apply(const ActionInput&, State& st) {
    st.markers.push_back(Marker{st.exprs.size(), st.call_name.span.begin, st.call_name.text});
}

namespace {
// Pops the arguments pushed since the innermost marker.
ExprPtr close_marker(State& st, ExprKind kind) {
    Marker m = st.markers.back();
    st.markers.pop_back();
    auto x = make_expr(kind, st.where(m.begin, st.last_end));
    x->text = m.name;
    for (std::size_t i = m.depth; i < st.exprs.size(); ++i) x->args.push_back(std::move(st.exprs[i]));
    st.exprs.resize(m.depth);
    return x;
}
}  // namespace

void action<call>::apply(const ActionInput& in, State& st) { push_node(st, in, close_marker(st, ExprKind::call)); }
void action<list_open>::apply(const ActionInput& in, State& st) {
    st.markers.push_back(Marker{st.exprs.size(), st.off(in.begin()), {}});
}
void action<list_expr>::apply(const ActionInput& in, State& st) { push_node(st, in, close_marker(st, ExprKind::list)); }
void action<case_kw>::apply(const ActionInput& in, State& st) {
    st.markers.push_back(Marker{st.exprs.size(), st.off(in.begin()), {}});
}
void action<case_expr>::apply(const ActionInput& in, State& st) {
    auto x = close_marker(st, ExprKind::case_);
    x->text = "case";
    push_node(st, in, std::move(x));
}

void action<member_word>::apply(const ActionInput& in, State& st) {
    st.member = NameTok{in.string(), Span{st.off(in.begin()), st.off(in.end())}};
    st.last_end = st.member.span.end;
}
void action<member_access>::apply(const ActionInput& in, State& st) {
    ExprPtr obj = st.pop_expr();
    auto x = make_expr(ExprKind::member, st.where(obj->where.span.begin, st.member.span.end));
    x->text = st.member.text;
    x->args.push_back(std::move(obj));
    push_node(st, in, std::move(x));
}
void action<index_open>::apply(const ActionInput& in, State& st) {
    st.markers.push_back(Marker{st.exprs.size(), st.off(in.begin()), {}});
}
// x[i]: args {x, i}; T[ROW, COLUMN]: args {T, ROW, COLUMN}.
void action<index_access>::apply(const ActionInput& in, State& st) {
    Marker m = st.markers.back();
    st.markers.pop_back();
    if (m.depth == 0 || m.depth > st.exprs.size()) throw std::logic_error("nianbao parser: bad index marker");
    ExprPtr obj = std::move(st.exprs[m.depth - 1]);
    auto x = make_expr(ExprKind::index, st.where(obj->where.span.begin, st.last_end));
    x->text = "[]";
    x->args.push_back(std::move(obj));
    for (std::size_t i = m.depth; i < st.exprs.size(); ++i) x->args.push_back(std::move(st.exprs[i]));
    st.exprs.resize(m.depth - 1);
    push_node(st, in, std::move(x));
}

// operators
void op_action::apply(const ActionInput& in, State& st) { st.ops.push_back(Op{in.string(), st.off(in.begin())}); }

void unary_action::apply(const ActionInput& in, State& st) {
    ExprPtr a = st.pop_expr();
    Op op = st.pop_op();
    auto x = make_expr(ExprKind::unary, st.where(op.begin, a->where.span.end));
    x->text = op.text;
    x->args.push_back(std::move(a));
    push_node(st, in, std::move(x));
}

void binary_action::apply(const ActionInput& in, State& st) {
    ExprPtr rhs = st.pop_expr();
    ExprPtr lhs = st.pop_expr();
    Op op = st.pop_op();
    auto x = make_expr(ExprKind::binary, st.where(lhs->where.span.begin, rhs->where.span.end));
    x->text = op.text;
    x->args.push_back(std::move(lhs));
    x->args.push_back(std::move(rhs));
    push_node(st, in, std::move(x));
}

}  // namespace nianbao::rules::detail::parsing
