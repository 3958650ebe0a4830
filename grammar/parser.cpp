// Pass 1: PEGTL actions building the AST of one rule file (grammar.hpp holds
// the grammar and its error table).  Every node gets Where = {file, byte span}
// without trailing whitespace.  Syntax errors (parse_error) become
// RuleDiagnostics with a catalogue code and a precise place; the file is
// parsed one declaration at a time, and after an error parsing resumes at the
// next line starting with a declaration keyword.  Checks
// that need the clauses of one declaration as written (missing / repeated
// clauses, several checks; a table's own names, groups and labels) are made
// here when the declaration is complete.
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
    int nesting = 0;  // expressions being parsed inside each other (R127)

    // the declaration being built
    std::uint32_t decl_begin = 0;
    RulesetDecl ruleset;
    FactDecl fact;
    SectionDecl section;
    RuleDecl rule;
    TableDecl table;
    struct RawItem {
        NameTok name;
        std::optional<NameTok> end;  // `A .. D`
    };
    struct RawGroup {
        GroupDecl decl;
        std::vector<RawItem> items;
    };
    std::vector<RawGroup> raw_colgroups, raw_rowgroups;
    std::vector<RawItem> items;            // members of the group being read
    NameTok group;                         // its name
    std::map<std::string, Span> row_seen;  // row option -> first place, per row
    // error recovery: the declaration being read and its name, once read
    std::string decl_kind;
    std::optional<NameTok> decl_name;
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
    void start_decl(std::uint32_t at, const char* kind) {
        decl_begin = at;
        decl_kind = kind;
        decl_name.reset();
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
    void once(const std::string& clause, Span span, const char* kind) {
        auto [it, fresh] = seen.emplace(clause, span);
        if (!fresh) diag(Err::duplicate_clause, {clause, kind, std::to_string(src->locate(it->second.begin).line)}, span);
    }
    // The same for an option of the current row; `key` groups exclusive options (integer / decimal).
    void row_once(const std::string& word, const std::string& key, Span span) {
        auto [it, fresh] = row_seen.emplace(key, span);
        if (!fresh) diag(Err::duplicate_clause, {word, "row", std::to_string(src->locate(it->second.begin).line)}, span);
    }
    void named(const NameTok& n) { decl_name = n; }
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

// Pushes a node built from its arguments; a tree taller than kMaxExprHeight
// is error R128 at the operation that makes it so (the action input's start).
template <typename Input>
void push_node(State& st, const Input& in, ExprPtr x) {
    for (const auto& a : x->args)
        if (a) x->height = std::max(x->height, a->height + 1);
    if (x->height > kMaxExprHeight) raise_at(in, Err::expression_too_long, {std::to_string(kMaxExprHeight)});
    st.exprs.push_back(std::move(x));
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
    template <typename In> static void apply(const In& in, State& st) { push_node(st, in, close_marker(st, ExprKind::call)); }
};
template <>
struct action<list_open> {
    template <typename In> static void apply(const In& in, State& st) {
        st.markers.push_back(Marker{st.exprs.size(), st.off(in.begin()), {}});
    }
};
template <>
struct action<list_expr> {
    template <typename In> static void apply(const In& in, State& st) { push_node(st, in, close_marker(st, ExprKind::list)); }
};
template <>
struct action<case_kw> {
    template <typename In> static void apply(const In& in, State& st) {
        st.markers.push_back(Marker{st.exprs.size(), st.off(in.begin()), {}});
    }
};
template <>
struct action<case_expr> {
    template <typename In> static void apply(const In& in, State& st) {
        auto x = close_marker(st, ExprKind::case_);
        x->text = "case";
        push_node(st, in, std::move(x));
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
    template <typename In> static void apply(const In& in, State& st) {
        ExprPtr obj = st.pop_expr();
        auto x = make_expr(ExprKind::member, st.where(obj->where.span.begin, st.member.span.end));
        x->text = st.member.text;
        x->args.push_back(std::move(obj));
        push_node(st, in, std::move(x));
    }
};
template <>
struct action<index_open> {
    template <typename In> static void apply(const In& in, State& st) {
        st.markers.push_back(Marker{st.exprs.size(), st.off(in.begin()), {}});
    }
};
// x[i]: args {x, i}; T[ROW, COLUMN]: args {T, ROW, COLUMN}.
template <>
struct action<index_access> {
    template <typename In> static void apply(const In& in, State& st) {
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
    template <typename In> static void apply(const In& in, State& st) {
        ExprPtr a = st.pop_expr();
        Op op = st.pop_op();
        auto x = make_expr(ExprKind::unary, st.where(op.begin, a->where.span.end));
        x->text = op.text;
        x->args.push_back(std::move(a));
        push_node(st, in, std::move(x));
    }
};
template <> struct action<neg_expr> : unary_action {};
template <> struct action<not_op> : unary_action {};

struct binary_action {
    template <typename In> static void apply(const In& in, State& st) {
        ExprPtr rhs = st.pop_expr();
        ExprPtr lhs = st.pop_expr();
        Op op = st.pop_op();
        auto x = make_expr(ExprKind::binary, st.where(lhs->where.span.begin, rhs->where.span.end));
        x->text = op.text;
        x->args.push_back(std::move(lhs));
        x->args.push_back(std::move(rhs));
        push_node(st, in, std::move(x));
    }
};

// Expressions inside expressions (parentheses, calls, lists, case, `not`,
// `-`) recurse in the parser: deeper than kMaxExprNesting is error R127 where
// the level that crosses the limit starts.
template <typename Rule>
struct nb_control : grammar::control<Rule> {};
template <typename Rule>
struct nesting_control : grammar::control<Rule> {
    template <typename In>
    static void start(const In& in, State& st) {
        if (++st.nesting > kMaxExprNesting) {
            st.nesting = 0;
            throw pg::parse_error(std::string(error_info(Err::nested_too_deeply).code) + ";" +
                                      std::to_string(kMaxExprNesting),
                                  in.position());
        }
    }
    template <typename In>
    static void success(const In&, State& st) { --st.nesting; }
    template <typename In>
    static void failure(const In&, State& st) { --st.nesting; }
};
template <> struct nb_control<grammar::expr> : nesting_control<grammar::expr> {};
template <> struct nb_control<grammar::not_rhs> : nesting_control<grammar::not_rhs> {};
template <> struct nb_control<grammar::neg_rhs> : nesting_control<grammar::neg_rhs> {};
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
        st.start_decl(st.off(in.begin()), "ruleset");
        st.ruleset = RulesetDecl{};
    }
};
template <>
struct action<ruleset_name> {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.named(n);
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
        st.start_decl(st.off(in.begin()), "fact");
        st.fact = FactDecl{};
    }
};
template <>
struct action<fact_name> {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.named(n);
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
        st.start_decl(st.off(in.begin()), "section");
        st.section = SectionDecl{};
    }
};
template <>
struct action<section_name> {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.named(n);
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

Span kw_span(State& st, const char* p, std::size_t len) {
    const std::uint32_t b = st.off(p);
    return Span{b, b + static_cast<std::uint32_t>(len)};
}

// table
template <>
struct action<table_kw> {
    template <typename In> static void apply(const In& in, State& st) {
        st.start_decl(st.off(in.begin()), "table");
        st.table = TableDecl{};
        st.raw_colgroups.clear();
        st.raw_rowgroups.clear();
        st.items.clear();
        st.row_seen.clear();
    }
};
template <>
struct action<table_name> {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.named(n);
        st.table.name = n.text;
        st.table.name_where = st.where(n.span.begin, n.span.end);
    }
};
template <>
struct action<tbl_in> {
    template <typename In> static void apply(const In& in, State& st) {
        st.once("in", kw_span(st, in.begin(), 2), "table");
        NameTok n = st.pop_name();
        if (!st.table.section) st.table.section.emplace(n.text, st.where(n.span.begin, n.span.end));
    }
};
template <>
struct action<tbl_anchor> {
    template <typename In> static void apply(const In&, State& st) { take_strings(st, st.table.anchors); }
};
// A token read by an action of its own: its text and span; updates last_end.
template <typename In>
NameTok token(const In& in, State& st) {
    NameTok n{in.string(), Span{st.off(in.begin()), st.off(in.end())}};
    st.last_end = n.span.end;
    return n;
}
template <>
struct action<column_ident> {
    template <typename In> static void apply(const In& in, State& st) {
        NameTok n = token(in, st);
        ColumnDecl c;
        c.name = n.text;
        c.where = st.where(n.span.begin, n.span.end);
        st.table.columns.push_back(std::move(c));
    }
};
template <>
struct action<column_label> {
    template <typename In> static void apply(const In&, State& st) {
        StringLit s = st.pop_string();
        if (!st.table.columns.empty()) st.table.columns.back().label = std::move(s);
    }
};
template <>
struct action<group_ident> {
    template <typename In> static void apply(const In& in, State& st) {
        st.group = token(in, st);
        st.items.clear();
    }
};
template <>
struct action<member_ident> {
    template <typename In> static void apply(const In& in, State& st) { st.items.push_back({token(in, st), std::nullopt}); }
};
template <>
struct action<range_end_ident> {
    template <typename In> static void apply(const In& in, State& st) {
        NameTok n = token(in, st);
        if (!st.items.empty()) st.items.back().end = std::move(n);
    }
};
void end_group(State& st, std::vector<State::RawGroup>& to) {
    State::RawGroup g;
    g.decl.name = st.group.text;
    g.decl.where = st.where(st.group.span.begin, st.group.span.end);
    g.items = std::move(st.items);
    st.items.clear();
    to.push_back(std::move(g));
}
template <>
struct action<tbl_colgroup> {
    template <typename In> static void apply(const In&, State& st) { end_group(st, st.raw_colgroups); }
};
template <>
struct action<tbl_rowgroup> {
    template <typename In> static void apply(const In&, State& st) { end_group(st, st.raw_rowgroups); }
};
template <>
struct action<row_ident> {
    template <typename In> static void apply(const In& in, State& st) {
        NameTok n = token(in, st);
        RowDecl r;
        r.name = n.text;
        r.where = st.where(n.span.begin, n.span.end);
        st.table.rows.push_back(std::move(r));
        st.row_seen.clear();
        st.strings.clear();
    }
};
template <>
struct action<row_col_ident> {
    template <typename In> static void apply(const In& in, State& st) {
        NameTok n = token(in, st);
        if (!st.table.rows.empty()) st.table.rows.back().columns.emplace_back(n.text, st.where(n.span.begin, n.span.end));
    }
};
template <>
struct action<row_opt_columns> {
    template <typename In> static void apply(const In& in, State& st) { st.row_once("columns", "columns", kw_span(st, in.begin(), 7)); }
};
template <>
struct action<row_opt_optional> {
    template <typename In> static void apply(const In& in, State& st) {
        const NameTok n = token(in, st);
        st.row_once("optional", "optional", n.span);
        if (!st.table.rows.empty()) st.table.rows.back().optional = true;
    }
};
template <>
struct action<row_opt_unlabeled> {
    template <typename In> static void apply(const In& in, State& st) {
        const NameTok n = token(in, st);
        st.row_once("unlabeled", "unlabeled", n.span);
        if (!st.table.rows.empty()) st.table.rows.back().unlabeled = true;
    }
};
template <ValueType T>
struct row_type_action {
    template <typename In> static void apply(const In& in, State& st) {
        const NameTok n = token(in, st);
        st.row_once(n.text, "type", n.span);
        if (!st.table.rows.empty() && !st.table.rows.back().type) st.table.rows.back().type = T;
    }
};
template <> struct action<row_opt_integer> : row_type_action<ValueType::integer> {};
template <> struct action<row_opt_decimal> : row_type_action<ValueType::decimal> {};
template <>
struct action<tbl_row> {
    template <typename In> static void apply(const In&, State& st) {
        if (!st.table.rows.empty()) take_strings(st, st.table.rows.back().labels);
        st.strings.clear();
    }
};
template <ValueType T>
struct table_type_action {
    template <typename In> static void apply(const In& in, State& st) {
        token(in, st);
        if (!st.seen.count("type")) st.table.type = T;
    }
};
template <> struct action<type_integer> : table_type_action<ValueType::integer> {};
template <> struct action<type_decimal> : table_type_action<ValueType::decimal> {};
template <>
struct action<tbl_type> {
    template <typename In> static void apply(const In& in, State& st) { st.once("type", kw_span(st, in.begin(), 4), "table"); }
};
template <>
struct action<unknown_table_clause> {
    template <typename In> static void apply(const In& in, State&) {
        const std::string w = in.string();
        raise_at(in, Err::unknown_clause,
                 {w, "table",
                  did_you_mean(w, {"in", "anchor", "columns", "colgroup", "rowgroup", "row", "type", "optional",
                                   "unlabeled", "integer", "decimal"})});
    }
};

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
template <>
struct action<table_decl> {
    template <typename In> static void apply(const In&, State& st) {
        st.table.where = st.where(st.decl_begin, st.last_end);
        finish_table(st);
        st.out->tables.push_back(std::move(st.table));
    }
};

// rule
template <>
struct action<rule_kw> {
    template <typename In> static void apply(const In& in, State& st) {
        st.start_decl(st.off(in.begin()), "rule");
        st.rule = RuleDecl{};
    }
};
template <>
struct action<rule_id> {
    template <typename In> static void apply(const In&, State& st) {
        NameTok n = st.pop_name();
        st.named(n);
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
        raise_at(in, Err::unknown_declaration, {w, did_you_mean(w, {"ruleset", "fact", "section", "table", "rule"})});
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


// The first line starting after byte `from` whose first word (after blanks)
// is a declaration keyword; text.size() when there is none.
std::size_t next_declaration_line(const std::string& text, std::size_t from) {
    static constexpr std::string_view kTop[] = {"ruleset", "fact", "section", "table", "rule"};
    std::size_t line = text.find('\n', from);
    while (line != std::string::npos) {
        const std::size_t start = line + 1;
        std::size_t i = start;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
        for (auto kw : kTop) {
            if (text.compare(i, kw.size(), kw) != 0) continue;
            std::size_t j = i + kw.size();
            if (j >= text.size()) return start;
            const char32_t next = utf8::next(text, j);
            if (!is_ident_char(next) && next != '-') return start;
        }
        line = text.find('\n', start);
    }
    return text.size();
}

// A syntax error as a diagnostic.
RuleDiagnostic syntax_diag(State& st, const pg::parse_error& e, std::size_t base) {
    const std::string& text = st.src->text();
    const auto at = static_cast<std::uint32_t>(base + (e.positions().empty() ? 0 : e.positions().front().byte));
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
    return make_diag(code, std::move(args), st.src, span);
}

// After a syntax error: the declaration that broke stays declared (by name),
// so that its uses elsewhere do not cascade into "unknown name" errors.
void declare_broken(State& st, ParseResult& res, std::uint32_t end) {
    if (st.decl_kind.empty()) return;
    if (st.decl_kind == "ruleset") {
        res.ruleset_broken = true;
        if (st.decl_name) res.broken_ruleset = st.decl_name->text;
        return;
    }
    if (!st.decl_name) return;
    const NameTok& n = *st.decl_name;
    const Where name_w = st.where(n.span.begin, n.span.end);
    const Where decl_w = st.where(st.decl_begin, std::max(end, n.span.end));
    if (st.decl_kind == "fact") {
        FactDecl f;
        f.name = n.text;
        f.name_where = name_w;
        f.where = decl_w;
        st.out->facts.push_back(std::move(f));
    } else if (st.decl_kind == "section") {
        SectionDecl s;
        s.name = n.text;
        s.name_where = name_w;
        s.where = decl_w;
        st.out->sections.push_back(std::move(s));
    } else if (st.decl_kind == "table") {
        TableDecl t;
        t.name = n.text;
        t.name_where = name_w;
        t.where = decl_w;
        res.broken_tables.push_back(st.out->tables.size());
        st.out->tables.push_back(std::move(t));
    } else if (st.decl_kind == "rule") {
        RuleDecl r;
        r.id = n.text;
        r.name_where = name_w;
        r.where = decl_w;
        st.out->rules.push_back(std::move(r));
    }
}

// An unknown declaration word close to fact / section / table (`fcat x = 1`):
// take the identifier after it as the name of a broken declaration of that kind.
void guess_declaration(State& st, const std::string& text, std::uint32_t at) {
    const Span word = token_span(text, at);
    const std::string kind = closest_name(text.substr(word.begin, word.size()), {"fact", "section", "table"});
    if (kind.empty()) return;
    std::size_t i = word.end;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::size_t j = i;
    if (j >= text.size() || !is_ident_start(utf8::next(text, j))) return;
    const Span name = token_span(text, static_cast<std::uint32_t>(i));
    const std::string n = text.substr(name.begin, name.size());
    if (n.find('-') != std::string::npos || is_keyword(n)) return;
    st.decl_begin = at;
    st.decl_kind = kind == "fact" ? "fact" : kind == "section" ? "section" : "table";
    st.decl_name = NameTok{n, name};
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
    // One declaration per step; after a syntax error, resume at the next line
    // that starts with a declaration keyword.
    std::size_t pos = 0;
    bool first = true;
    while (first || pos < text.size()) {
        st.start_decl(static_cast<std::uint32_t>(pos), "");
        st.nesting = 0;
        pg::memory_input<pg::tracking_mode::eager, pg::eol::lf_crlf> in(text.data() + pos, text.data() + text.size(),
                                                                        src->path());
        try {
            if (first) pg::parse<grammar::file_start, action, nb_control>(in, st);
            else pg::parse<grammar::file_step, action, nb_control>(in, st);
            const auto next = static_cast<std::size_t>(in.current() - text.data());
            if (!first && next <= pos) break;  // no progress (cannot happen: eof or a declaration)
            pos = next;
        } catch (const pg::parse_error& e) {
            res.syntax_error = true;
            RuleDiagnostic d = syntax_diag(st, e, pos);
            const std::uint32_t at = d.diag.span.begin;
            const std::string d_code = d.diag.code;
            st.diags.push_back(std::move(d));
            if (d_code == "R119") guess_declaration(st, text, at);  // `fcat x = 1`: x stays declared
            declare_broken(st, res, at);
            const std::size_t from = st.decl_kind.empty() ? std::max<std::size_t>(at, pos) : st.decl_begin;
            pos = next_declaration_line(text, from);
        }
        first = false;
    }
    std::stable_sort(st.diags.begin(), st.diags.end(), [](const RuleDiagnostic& a, const RuleDiagnostic& b) {
        return a.diag.span.begin < b.diag.span.begin;
    });
    res.diagnostics = std::move(st.diags);
    res.file = std::move(file);
    return res;
}

}  // namespace detail
}  // namespace nianbao::rules
