// Pass 1: PEGTL actions building the AST of one rule file (grammar.hpp holds
// the grammar and its error table).  Every node gets Where = {file, byte span}
// without trailing whitespace.  Syntax errors (parse_error, first one only)
// become RuleDiagnostics with a catalogue code and a precise place.  Checks
// that need the clauses of one declaration as written (missing / repeated
// clauses, several checks) are made here when the declaration is complete.
#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <stdexcept>

#include "core/utf8.hpp"
#include "grammar/grammar.hpp"
#include "grammar/internal.hpp"

namespace nianbao::rules {

namespace detail {

namespace {
constexpr std::string_view kKeywords[] = {
    "ruleset", "extends", "drop",  "applies", "always",  "when",    "source", "fact",  "section",
    "rule",    "for",     "in",    "let",     "require", "forbid",  "report", "at",    "message",
    "explain", "good",    "bad",   "error",   "warning", "info",    "and",    "or",    "not",
    "true",    "false",   "case",  "then",    "else",    "end",     "table"};

bool in_han_ranges(char32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FA1F);
}
}  // namespace

bool is_ident_start(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || in_han_ranges(c);
}
bool is_ident_char(char32_t c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_keyword(std::string_view w) {
    return std::find(std::begin(kKeywords), std::end(kKeywords), w) != std::end(kKeywords);
}

RuleDiagnostic make_diag(Err e, std::vector<std::string> args, const std::shared_ptr<const SourceText>& file,
                         Span span) {
    RuleDiagnostic d;
    const ErrorInfo& info = error_info(e);
    d.diag.severity = info.severity;
    d.diag.code = info.code;
    d.diag.message = format_error(e, args);
    d.diag.span = span;
    if (file) {
        d.diag.path = file->path();
        d.diag.pos = file->locate(span.begin);
    }
    d.file = file;
    return d;
}

std::string unescape_string(std::string_view lit, std::uint32_t base, std::vector<std::uint32_t>* offsets) {
    std::string out;
    std::size_t i = 1;  // after the opening quote
    const std::size_t stop = (lit.size() >= 2 && lit.back() == '"') ? lit.size() - 1 : lit.size();
    auto mark = [&](std::size_t from_len, std::size_t at) {
        if (offsets)
            for (std::size_t k = from_len; k < out.size(); ++k) offsets->push_back(base + static_cast<std::uint32_t>(at));
    };
    while (i < stop) {
        const std::size_t at = i;
        const std::size_t before = out.size();
        if (lit[i] == '\\' && i + 1 < stop) {
            const char c = lit[i + 1];
            i += 2;
            switch (c) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t cp = 0;
                    if (i + 4 <= stop) {
                        std::from_chars(lit.data() + i, lit.data() + i + 4, cp, 16);
                        i += 4;
                    }
                    utf8::append(out, static_cast<char32_t>(cp));
                    break;
                }
                default: out += c; break;
            }
        } else {
            out += lit[i];
            ++i;
        }
        mark(before, at);
    }
    if (offsets) offsets->push_back(base + static_cast<std::uint32_t>(std::min(i, lit.size())));
    return out;
}

namespace {

namespace pg = tao::pegtl;
using namespace grammar;  // NOLINT

struct NameTok {
    std::string text;
    Span span;
};
struct Marker {
    std::size_t depth;
    std::uint32_t begin;
    std::string name;
};
struct Op {
    std::string text;
    std::uint32_t begin;
};

struct State {
    std::shared_ptr<const SourceText> src;
    const char* base = nullptr;
    RuleFile* out = nullptr;
    std::vector<RuleDiagnostic> diags;

    std::vector<ExprPtr> exprs;
    std::vector<Op> ops;
    std::vector<Marker> markers;
    std::vector<StringLit> strings;
    std::vector<NameTok> names;
    NameTok call_name;
    NameTok member;
    std::uint32_t last_end = 0;
    std::uint32_t string_open = 0;
    std::uint32_t regex_open = 0;
    Span kw;  // the last clause keyword that matters (require/forbid/report)

    // the declaration being built
    std::uint32_t decl_begin = 0;
    RulesetDecl ruleset;
    FactDecl fact;
    SectionDecl section;
    RuleDecl rule;
    std::map<std::string, Span> seen;      // clause -> first place, per declaration
    std::optional<std::pair<std::string, Span>> check_seen;
    bool report_expr_error = false;

    [[nodiscard]] std::uint32_t off(const char* p) const { return static_cast<std::uint32_t>(p - base); }
    [[nodiscard]] Where where(std::uint32_t b, std::uint32_t e) const { return Where{src, Span{b, e}}; }
    void diag(Err e, std::vector<std::string> args, Span span) { diags.push_back(make_diag(e, std::move(args), src, span)); }
    ExprPtr pop_expr() {
        if (exprs.empty()) throw std::logic_error("nianbao parser: expression stack underflow");
        ExprPtr e = std::move(exprs.back());
        exprs.pop_back();
        return e;
    }
    StringLit pop_string() {
        if (strings.empty()) throw std::logic_error("nianbao parser: string stack underflow");
        StringLit s = std::move(strings.back());
        strings.pop_back();
        return s;
    }
    NameTok pop_name() {
        if (names.empty()) throw std::logic_error("nianbao parser: name stack underflow");
        NameTok n = std::move(names.back());
        names.pop_back();
        return n;
    }
    Op pop_op() {
        if (ops.empty()) throw std::logic_error("nianbao parser: operator stack underflow");
        Op o = std::move(ops.back());
        ops.pop_back();
        return o;
    }
    void start_decl(std::uint32_t at) {
        decl_begin = at;
        seen.clear();
        check_seen.reset();
        report_expr_error = false;
        exprs.clear();
        strings.clear();
        names.clear();
        ops.clear();
        markers.clear();
    }
    // Records a clause that may appear only once; reports the repetition.
    void once(const std::string& clause, Span span, const char* decl_kind) {
        auto [it, fresh] = seen.emplace(clause, span);
        if (!fresh)
            diag(Err::duplicate_clause, {clause, decl_kind, std::to_string(src->locate(it->second.begin).line)}, span);
    }
    std::uint32_t line_of(Span s) const { return src->locate(s.begin).line; }
};

ExprPtr make_expr(ExprKind k, Where w) {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->where = std::move(w);
    return e;
}

// Raises a syntax error at the action input's start: "CODE;arg;arg".
template <typename Input>
[[noreturn]] void raise_at(const Input& in, Err e, const std::vector<std::string>& args) {
    std::string msg = error_info(e).code;
    for (const auto& a : args) msg += ";" + a;
    throw pg::parse_error(msg, in.position());
}

// Message text -> pieces; placeholder syntax errors are reported.
Message parse_message(State& st, const StringLit& lit) {
    Message m;
    m.raw = lit.value;
    m.where = lit.where;
    std::vector<std::uint32_t> offs;
    const std::string_view raw(st.src->text().data() + lit.where.span.begin, lit.where.span.size());
    const std::string value = unescape_string(raw, lit.where.span.begin, &offs);
    auto span_of = [&](std::size_t b, std::size_t e) { return Span{offs[b], offs[std::min(e, value.size())]}; };
    std::string text;
    std::size_t text_begin = 0;
    auto flush = [&](std::size_t at) {
        if (!text.empty()) {
            MessagePiece p;
            p.text = std::move(text);
            p.where = Where{st.src, span_of(text_begin, at)};
            m.pieces.push_back(std::move(p));
        }
        text.clear();
    };
    std::size_t i = 0;
    while (i < value.size()) {
        const char c = value[i];
        if (c == '{' && i + 1 < value.size() && value[i + 1] == '{') {
            if (text.empty()) text_begin = i;
            text += '{';
            i += 2;
        } else if (c == '}' && i + 1 < value.size() && value[i + 1] == '}') {
            if (text.empty()) text_begin = i;
            text += '}';
            i += 2;
        } else if (c == '}') {
            st.diag(Err::stray_brace, {}, span_of(i, i + 1));
            ++i;
        } else if (c == '{') {
            const std::size_t close = value.find('}', i + 1);
            const std::size_t nl = value.find('{', i + 1);
            if (close == std::string::npos || (nl != std::string::npos && nl < close)) {
                st.diag(Err::unclosed_placeholder, {}, span_of(i, i + 1));
                ++i;
                continue;
            }
            flush(i);
            const std::string inner = value.substr(i + 1, close - i - 1);
            // NAME(.MEMBER)*
            std::vector<std::string> path;
            bool ok = !inner.empty();
            std::size_t k = 0;
            std::string cur;
            bool first_char = true;
            while (ok && k < inner.size()) {
                std::size_t k0 = k;
                const char32_t cp = utf8::next(inner, k);
                if (cp == '.') {
                    if (cur.empty()) ok = false;
                    path.push_back(std::move(cur));
                    cur.clear();
                    first_char = true;
                } else if (first_char ? is_ident_start(cp) : is_ident_char(cp)) {
                    cur.append(inner, k0, k - k0);
                    first_char = false;
                } else {
                    ok = false;
                }
            }
            if (ok && cur.empty()) ok = false;
            if (ok) path.push_back(std::move(cur));
            if (!ok) {
                st.diag(Err::invalid_placeholder, {inner}, span_of(i, close + 1));
            } else {
                MessagePiece p;
                p.placeholder = true;
                p.text = inner;
                p.path = std::move(path);
                p.where = Where{st.src, span_of(i + 1, close)};
                m.pieces.push_back(std::move(p));
            }
            i = close + 1;
        } else {
            if (text.empty()) text_begin = i;
            text += c;
            ++i;
        }
    }
    flush(value.size());
    return m;
}

// ------------------------------------------------------------------ actions
template <typename Rule>
struct action : pg::nothing<Rule> {};

template <>
struct action<string_open> {
    template <typename In> static void apply(const In& in, State& st) { st.string_open = st.off(in.begin()); }
};
template <>
struct action<regex_open> {
    template <typename In> static void apply(const In& in, State& st) { st.regex_open = st.off(in.begin()); }
};
template <>
struct action<string_lit> {
    template <typename In> static void apply(const In& in, State& st) {
        StringLit s;
        const std::uint32_t b = st.off(in.begin());
        s.value = unescape_string(std::string_view(in.begin(), in.size()), b, nullptr);
        s.where = st.where(b, st.off(in.end()));
        st.last_end = s.where.span.end;
        st.strings.push_back(std::move(s));
    }
};
template <>
struct action<string_tok> {
    template <typename In> static void apply(const In&, State& st) {
        StringLit s = st.pop_string();
        auto e = make_expr(ExprKind::string, s.where);
        e->text = std::move(s.value);
        st.exprs.push_back(std::move(e));
    }
};
template <>
struct action<regex_lit> {
    template <typename In> static void apply(const In& in, State& st) {
        const std::uint32_t b = st.off(in.begin()), e = st.off(in.end());
        auto x = make_expr(ExprKind::regex, st.where(b, e));
        x->text = std::string(in.begin() + 1, in.size() - 2);  // as written, between the slashes
        st.last_end = e;
        st.exprs.push_back(std::move(x));
    }
};
template <>
struct action<number_lit> {
    template <typename In> static void apply(const In& in, State& st) {
        const std::uint32_t b = st.off(in.begin()), e = st.off(in.end());
        auto x = make_expr(ExprKind::number, st.where(b, e));
        x->text = in.string();
        x->number = std::strtod(x->text.c_str(), nullptr);
        st.last_end = e;
        st.exprs.push_back(std::move(x));
    }
};
template <bool V>
struct bool_action {
    template <typename In> static void apply(const In& in, State& st) {
        const std::uint32_t b = st.off(in.begin()), e = st.off(in.end());
        auto x = make_expr(ExprKind::boolean, st.where(b, e));
        x->boolean = V;
        x->text = V ? "true" : "false";
        st.last_end = e;
        st.exprs.push_back(std::move(x));
    }
};
template <> struct action<kw_true> : bool_action<true> {};
template <> struct action<kw_false> : bool_action<false> {};

template <>
struct action<ident_ref> {
    template <typename In> static void apply(const In& in, State& st) {
        const std::uint32_t b = st.off(in.begin()), e = st.off(in.end());
        auto x = make_expr(ExprKind::ident, st.where(b, e));
        x->text = in.string();
        st.last_end = e;
        st.exprs.push_back(std::move(x));
    }
};

struct end_action {
    template <typename In> static void apply(const In& in, State& st) { st.last_end = st.off(in.end()); }
};
template <> struct action<rparen> : end_action {};
template <> struct action<rbracket> : end_action {};
template <> struct action<rbrace> : end_action {};
template <> struct action<case_end_kw> : end_action {};

template <>
struct action<paren_expr> {
    template <typename In> static void apply(const In& in, State& st) {
        if (!st.exprs.empty()) st.exprs.back()->where.span = Span{st.off(in.begin()), st.last_end};
    }
};

template <>
struct action<call_name> {
    template <typename In> static void apply(const In& in, State& st) {
        st.call_name = NameTok{in.string(), Span{st.off(in.begin()), st.off(in.end())}};
    }
};
template <>
struct action<call_head> {
    template <typename In> static void apply(const In&, State& st) {
        st.markers.push_back(Marker{st.exprs.size(), st.call_name.span.begin, st.call_name.text});
    }
};
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
template <>
struct action<call> {
    template <typename In> static void apply(const In&, State& st) { st.exprs.push_back(close_marker(st, ExprKind::call)); }
};
template <>
struct action<list_open> {
    template <typename In> static void apply(const In& in, State& st) {
        st.markers.push_back(Marker{st.exprs.size(), st.off(in.begin()), {}});
    }
};
template <>
struct action<list_expr> {
    template <typename In> static void apply(const In&, State& st) { st.exprs.push_back(close_marker(st, ExprKind::list)); }
};
template <>
struct action<case_kw> {
    template <typename In> static void apply(const In& in, State& st) {
        st.markers.push_back(Marker{st.exprs.size(), st.off(in.begin()), {}});
    }
};
template <>
struct action<case_expr> {
    template <typename In> static void apply(const In&, State& st) {
        auto x = close_marker(st, ExprKind::case_);
        x->text = "case";
        st.exprs.push_back(std::move(x));
    }
};

template <>
struct action<member_word> {
    template <typename In> static void apply(const In& in, State& st) {
        st.member = NameTok{in.string(), Span{st.off(in.begin()), st.off(in.end())}};
        st.last_end = st.member.span.end;
    }
};
template <>
struct action<member_access> {
    template <typename In> static void apply(const In&, State& st) {
        ExprPtr obj = st.pop_expr();
        auto x = make_expr(ExprKind::member, st.where(obj->where.span.begin, st.member.span.end));
        x->text = st.member.text;
        x->args.push_back(std::move(obj));
        st.exprs.push_back(std::move(x));
    }
};
template <>
struct action<index_access> {
    template <typename In> static void apply(const In&, State& st) {
        ExprPtr idx = st.pop_expr();
        ExprPtr obj = st.pop_expr();
        auto x = make_expr(ExprKind::index, st.where(obj->where.span.begin, st.last_end));
        x->text = "[]";
        x->args.push_back(std::move(obj));
        x->args.push_back(std::move(idx));
        st.exprs.push_back(std::move(x));
    }
};

// operators
struct op_action {
    template <typename In> static void apply(const In& in, State& st) {
        st.ops.push_back(Op{in.string(), st.off(in.begin())});
    }
};
template <> struct action<neg_op> : op_action {};
template <> struct action<prod_op> : op_action {};
template <> struct action<sum_op> : op_action {};
template <> struct action<cmp_op> : op_action {};
template <> struct action<kw_not> : op_action {};
template <> struct action<kw_and> : op_action {};
template <> struct action<kw_or> : op_action {};
template <> struct action<coalesce_op> : op_action {};

struct unary_action {
    template <typename In> static void apply(const In&, State& st) {
        ExprPtr a = st.pop_expr();
        Op op = st.pop_op();
        auto x = make_expr(ExprKind::unary, st.where(op.begin, a->where.span.end));
        x->text = op.text;
        x->args.push_back(std::move(a));
        st.exprs.push_back(std::move(x));
    }
};
template <> struct action<neg_expr> : unary_action {};
template <> struct action<not_op> : unary_action {};

struct binary_action {
    template <typename In> static void apply(const In&, State& st) {
        ExprPtr rhs = st.pop_expr();
        ExprPtr lhs = st.pop_expr();
        Op op = st.pop_op();
        auto x = make_expr(ExprKind::binary, st.where(lhs->where.span.begin, rhs->where.span.end));
        x->text = op.text;
        x->args.push_back(std::move(lhs));
        x->args.push_back(std::move(rhs));
        st.exprs.push_back(std::move(x));
    }
};
template <> struct action<prod_tail> : binary_action {};
template <> struct action<sum_tail> : binary_action {};
template <> struct action<cmp_tail> : binary_action {};
template <> struct action<and_tail> : binary_action {};
template <> struct action<or_tail> : binary_action {};
template <> struct action<coalesce_tail> : binary_action {};

// ---------------------------------------------------------------- declarations
struct name_action {
    template <typename In> static void apply(const In& in, State& st) {
        st.names.push_back(NameTok{in.string(), Span{st.off(in.begin()), st.off(in.end())}});
    }
};
template <> struct action<decl_ident> : name_action {};
template <> struct action<decl_name> : name_action {};

// ruleset
template <>
struct action<ruleset_kw> {
    template <typename In> static void apply(const In& in, State& st) {
        st.start_decl(st.off(in.begin()));
        st.ruleset = RulesetDecl{};
    }
};
template <>
struct action<ruleset_name> {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.ruleset.name = n.text;
        st.ruleset.name_where = st.where(n.span.begin, n.span.end);
    }
};
template <>
struct action<ruleset_title> {
    template <typename In> static void apply(const In&, State& st) { st.ruleset.title = st.pop_string(); }
};
struct extends_action {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.ruleset.extends.emplace_back(n.text, st.where(n.span.begin, n.span.end));
    }
};
template <> struct action<extends_name> : extends_action {};
template <> struct action<extends_next> : extends_action {};
struct drop_action {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.ruleset.drops.emplace_back(n.text, st.where(n.span.begin, n.span.end));
    }
};
template <> struct action<drop_name> : drop_action {};
template <> struct action<drop_next> : drop_action {};
template <>
struct action<rs_applies> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("applies", Span{st.off(in.begin()), st.off(in.begin()) + 7}, "ruleset");
        st.ruleset.applies = st.exprs.empty() ? nullptr : st.pop_expr();
    }
};
template <>
struct action<rs_source> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("source", Span{st.off(in.begin()), st.off(in.begin()) + 6}, "ruleset");
        st.ruleset.source = st.pop_string();
    }
};
template <>
struct action<unknown_ruleset_clause> {
    template <typename In> static void apply(const In& in, State&) {
        const std::string w = in.string();
        raise_at(in, Err::unknown_clause,
                 {w, "ruleset", did_you_mean(w, {"extends", "drop", "applies", "source"})});
    }
};
template <>
struct action<ruleset_decl> {
    template <typename In> static void apply(const In&, State& st) {
        st.ruleset.where = st.where(st.decl_begin, st.last_end);
        st.out->ruleset = std::move(st.ruleset);
    }
};

// fact
template <>
struct action<fact_kw> {
    template <typename In> static void apply(const In& in, State& st) {
        st.start_decl(st.off(in.begin()));
        st.fact = FactDecl{};
    }
};
template <>
struct action<fact_name> {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.fact.name = n.text;
        st.fact.name_where = st.where(n.span.begin, n.span.end);
    }
};
template <>
struct action<fact_label> {
    template <typename In> static void apply(const In&, State& st) { st.fact.label = st.pop_string(); }
};
template <>
struct action<fact_decl> {
    template <typename In> static void apply(const In&, State& st) {
        st.fact.value = st.pop_expr();
        st.fact.where = st.where(st.decl_begin, st.fact.value->where.span.end);
        st.out->facts.push_back(std::move(st.fact));
    }
};

// section
template <>
struct action<section_kw> {
    template <typename In> static void apply(const In& in, State& st) {
        st.start_decl(st.off(in.begin()));
        st.section = SectionDecl{};
    }
};
template <>
struct action<section_name> {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.section.name = n.text;
        st.section.name_where = st.where(n.span.begin, n.span.end);
    }
};
// A whole number in [lo, hi], else R411 at the literal.
int whole_number(State& st, const Expr& e, const char* clause, int lo, int hi) {
    const bool whole = e.text.find('.') == std::string::npos;
    if (!whole || e.number < lo || e.number > hi) {
        st.diag(Err::number_out_of_range, {clause, std::to_string(lo), std::to_string(hi)}, e.where.span);
        return std::string_view(clause) == "level" ? 1 : 0;  // 0 = unknown (no R412 cascade)
    }
    return static_cast<int>(e.number);
}
template <>
struct action<sec_number> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("number", Span{st.off(in.begin()), st.off(in.begin()) + 6}, "section");
        ExprPtr e = st.pop_expr();
        st.section.number = whole_number(st, *e, "number", 1, 99);
    }
};
template <>
struct action<sec_level> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("level", Span{st.off(in.begin()), st.off(in.begin()) + 5}, "section");
        ExprPtr e = st.pop_expr();
        st.section.level = whole_number(st, *e, "level", 0, 4);
    }
};
void take_strings(State& st, std::vector<StringLit>& to) {
    for (auto& s : st.strings) to.push_back(std::move(s));
    st.strings.clear();
}
template <>
struct action<sec_title> {
    template <typename In> static void apply(const In&, State& st) { take_strings(st, st.section.titles); }
};
template <>
struct action<sec_variants> {
    template <typename In> static void apply(const In&, State& st) { take_strings(st, st.section.variants); }
};
template <>
struct action<sec_discouraged> {
    template <typename In> static void apply(const In&, State& st) { take_strings(st, st.section.discouraged); }
};
template <>
struct action<sec_pattern> {
    template <typename In> static void apply(const In&, State& st) {
        for (auto& e : st.exprs) st.section.patterns.push_back(std::move(e));
        st.exprs.clear();
    }
};
template <>
struct action<sec_optional> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("optional", Span{st.off(in.begin()), st.off(in.begin()) + 8}, "section");
        st.section.required = false;
    }
};
template <>
struct action<unknown_section_clause> {
    template <typename In> static void apply(const In& in, State&) {
        const std::string w = in.string();
        raise_at(in, Err::unknown_clause,
                 {w, "section",
                  did_you_mean(w, {"number", "level", "title", "variants", "discouraged", "pattern", "optional"})});
    }
};
template <>
struct action<section_decl> {
    template <typename In> static void apply(const In&, State& st) {
        st.section.where = st.where(st.decl_begin, st.last_end);
        if (!st.seen.count("number")) st.diag(Err::missing_section_number, {st.section.name}, st.section.name_where.span);
        if (st.section.titles.empty())
            st.diag(Err::missing_section_title, {st.section.name}, st.section.name_where.span);
        st.out->sections.push_back(std::move(st.section));
    }
};

// rule
template <>
struct action<rule_kw> {
    template <typename In> static void apply(const In& in, State& st) {
        st.start_decl(st.off(in.begin()));
        st.rule = RuleDecl{};
    }
};
template <>
struct action<rule_id> {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.rule.id = n.text;
        st.rule.name_where = st.where(n.span.begin, n.span.end);
    }
};
template <>
struct action<severity_word> {
    template <typename In> static void apply(const In& in, State& st) {
        const std::string w = in.string();
        if (w == "error") st.rule.severity = Severity::error;
        else if (w == "warning") st.rule.severity = Severity::warning;
        else if (w == "info") st.rule.severity = Severity::info;
        else st.diag(Err::unknown_severity, {w}, Span{st.off(in.begin()), st.off(in.end())});
    }
};
template <>
struct action<rule_title> {
    template <typename In> static void apply(const In&, State& st) { st.rule.title = st.pop_string(); }
};
Span kw_span(State& st, const char* p, std::size_t len) {
    const std::uint32_t b = st.off(p);
    return Span{b, b + static_cast<std::uint32_t>(len)};
}
template <>
struct action<rule_source> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("source", kw_span(st, in.begin(), 6), "rule");
        st.rule.source = st.pop_string();
    }
};
template <>
struct action<rule_message> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("message", kw_span(st, in.begin(), 7), "rule");
        StringLit s = st.pop_string();
        st.rule.message = parse_message(st, s);
    }
};
template <>
struct action<rule_explain> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("explain", kw_span(st, in.begin(), 7), "rule");
        st.rule.explain = st.pop_string();
    }
};
template <>
struct action<rule_good> {
    template <typename In> static void apply(const In&, State& st) { st.rule.good.push_back(st.pop_string()); }
};
template <>
struct action<rule_bad> {
    template <typename In> static void apply(const In&, State& st) { st.rule.bad.push_back(st.pop_string()); }
};
template <>
struct action<rule_for> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("for", kw_span(st, in.begin(), 3), "rule");
        ExprPtr e = st.pop_expr();
        NameTok n = st.pop_name();
        if (!st.rule.loop) {
            st.rule.loop_var = n.text;
            st.rule.loop_var_where = st.where(n.span.begin, n.span.end);
            st.rule.loop = std::move(e);
        }
    }
};
template <>
struct action<rule_when> {
    template <typename In> static void apply(const In&, State& st) { st.rule.when.push_back(st.pop_expr()); }
};
template <>
struct action<rule_let> {
    template <typename In> static void apply(const In& in, State& st) {
        LetClause l;
        l.value = st.pop_expr();
        NameTok n = st.pop_name();
        l.name = n.text;
        l.name_where = st.where(n.span.begin, n.span.end);
        l.where = st.where(st.off(in.begin()), l.value->where.span.end);
        st.rule.lets.push_back(std::move(l));
    }
};
struct check_kw_action {
    template <typename In> static void apply(const In& in, State& st) {
        st.kw = Span{st.off(in.begin()), st.off(in.end())};
    }
};
template <> struct action<require_kw> : check_kw_action {};
template <> struct action<forbid_kw> : check_kw_action {};
template <> struct action<report_kw> : check_kw_action {};
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
template <>
struct action<rule_require> {
    template <typename In> static void apply(const In&, State& st) {
        set_check(st, CheckKind::require, "require", st.pop_expr());
    }
};
template <>
struct action<rule_forbid> {
    template <typename In> static void apply(const In&, State& st) { set_check(st, CheckKind::forbid, "forbid", st.pop_expr()); }
};
template <>
struct action<report_expr> {
    template <typename In> static void apply(const In&, State& st) {
        ExprPtr e = st.pop_expr();
        st.diag(Err::report_with_expression, {}, e->where.span);
    }
};
template <>
struct action<rule_report> {
    template <typename In> static void apply(const In&, State& st) { set_check(st, CheckKind::report, "report", nullptr); }
};
template <>
struct action<rule_at> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("at", kw_span(st, in.begin(), 2), "rule");
        ExprPtr e = st.pop_expr();
        if (!st.rule.at) st.rule.at = std::move(e);
    }
};
template <>
struct action<unknown_rule_clause> {
    template <typename In> static void apply(const In& in, State&) {
        const std::string w = in.string();
        raise_at(in, Err::unknown_clause,
                 {w, "rule",
                  did_you_mean(w, {"source", "message", "require", "forbid", "report", "when", "let", "for", "at",
                                   "explain", "good", "bad"})});
    }
};
template <>
struct action<rule_decl> {
    template <typename In> static void apply(const In&, State& st) {
        RuleDecl& r = st.rule;
        r.where = st.where(st.decl_begin, st.last_end);
        const Span id = r.name_where.span;
        if (!r.source) st.diag(Err::missing_source, {r.id}, id);
        if (!r.message) st.diag(Err::missing_message, {r.id}, id);
        if (!st.check_seen) st.diag(Err::missing_check, {r.id}, id);
        st.out->rules.push_back(std::move(r));
    }
};

template <>
struct action<unknown_decl> {
    template <typename In> static void apply(const In& in, State&) {
        const std::string w = in.string();
        raise_at(in, Err::unknown_declaration, {w, did_you_mean(w, {"ruleset", "fact", "section", "rule"})});
    }
};

// Length of the word (or single character) at byte offset `at`.
Span token_span(const std::string& text, std::uint32_t at) {
    if (at >= text.size()) return Span{at, at};
    std::size_t i = at;
    const char32_t first = utf8::next(text, i);
    if (first == '\n' || first == '\r') return Span{at, at};
    if (is_ident_char(first) || first == '-') {
        std::size_t j = i;
        while (j < text.size()) {
            std::size_t k = j;
            const char32_t c = utf8::next(text, k);
            if (!is_ident_char(c) && c != '-') break;
            j = k;
        }
        i = j;
    }
    return Span{at, static_cast<std::uint32_t>(i)};
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t b = 0;
    for (;;) {
        const std::size_t e = s.find(sep, b);
        out.emplace_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
        if (e == std::string_view::npos) break;
        b = e + 1;
    }
    return out;
}

}  // namespace

ParseResult parse_rule_file(const std::shared_ptr<const SourceText>& src) {
    ParseResult res;
    auto file = std::make_unique<RuleFile>();
    file->file = src;
    State st;
    st.src = src;
    st.base = src->text().data();
    st.out = file.get();
    const std::string& text = src->text();
    try {
        pg::memory_input<pg::tracking_mode::eager, pg::eol::lf_crlf> in(text.data(), text.size(), src->path());
        pg::parse<grammar::file, action, grammar::control>(in, st);
    } catch (const pg::parse_error& e) {
        res.syntax_error = true;
        const auto at = static_cast<std::uint32_t>(e.positions().empty() ? 0 : e.positions().front().byte);
        std::vector<std::string> parts = split(e.message(), ';');
        const ErrorInfo* info = find_error(parts.front());
        Err code = info ? info->id : Err::expected_declaration;
        std::vector<std::string> args(parts.begin() + 1, parts.end());
        for (auto& a : args)
            if (a == "@op") a = st.ops.empty() ? std::string("the operator") : "'" + st.ops.back().text + "'";
        Span span = token_span(text, at);
        switch (code) {
            case Err::unterminated_string: span = Span{st.string_open, at}; break;
            case Err::unterminated_pattern: span = Span{st.regex_open, at}; break;
            case Err::invalid_escape: span = Span{at > 0 ? at - 1 : 0, token_span(text, at).end}; break;
            case Err::expected_name: {
                const std::string w = text.substr(span.begin, span.size());
                if (is_keyword(w) && !args.empty()) {
                    code = Err::keyword_as_name;
                    args = {w, args[0]};
                }
                break;
            }
            case Err::single_equals:
            case Err::foreign_operator: {
                const std::uint32_t len = code == Err::single_equals ? 1 : static_cast<std::uint32_t>(args.empty() ? 1 : args[0].size());
                span = Span{at, std::min<std::uint32_t>(at + len, static_cast<std::uint32_t>(text.size()))};
                break;
            }
            default: break;
        }
        st.diags.push_back(make_diag(code, std::move(args), src, span));
    }
    std::stable_sort(st.diags.begin(), st.diags.end(), [](const RuleDiagnostic& a, const RuleDiagnostic& b) {
        return a.diag.span.begin < b.diag.span.begin;
    });
    res.diagnostics = std::move(st.diags);
    res.file = std::move(file);  // partial after a syntax error
    return res;
}

}  // namespace detail
}  // namespace nianbao::rules
