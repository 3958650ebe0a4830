// Private to the parser (parser.cpp, actions_*.cpp, message.cpp): the state
// the PEGTL actions share while one rule file is parsed -- the stacks of
// expressions, strings, names and operators, and the declaration being built
// -- plus the helpers every action file uses.  Not part of the public API.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <tao/pegtl.hpp>

#include "grammar/internal.hpp"

namespace nianbao::rules::detail::parsing {

namespace pg = tao::pegtl;

// The one input type of the parser; actions receive its action_input.
using Input = pg::memory_input<pg::tracking_mode::eager, pg::eol::lf_crlf>;
using ActionInput = Input::action_t;

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

inline ExprPtr make_expr(ExprKind k, Where w) {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->where = std::move(w);
    return e;
}

// Raises a syntax error at the action input's start: "CODE;arg;arg".
[[noreturn]] inline void raise_at(const ActionInput& in, Err e, const std::vector<std::string>& args) {
    std::string msg = error_info(e).code;
    for (const auto& a : args) msg += ";" + a;
    throw pg::parse_error(msg, in.position());
}

// Pushes a node built from its arguments; a tree taller than kMaxExprHeight
// is error R128 at the operation that makes it so (the action input's start).
inline void push_node(State& st, const ActionInput& in, ExprPtr x) {
    for (const auto& a : x->args)
        if (a) x->height = std::max(x->height, a->height + 1);
    if (x->height > kMaxExprHeight) raise_at(in, Err::expression_too_long, {std::to_string(kMaxExprHeight)});
    st.exprs.push_back(std::move(x));
}

// The span of a clause keyword of `len` bytes starting at `p`.
inline Span kw_span(const State& st, const char* p, std::size_t len) {
    const std::uint32_t b = st.off(p);
    return Span{b, b + static_cast<std::uint32_t>(len)};
}

// A token read by an action of its own: its text and span; updates last_end.
inline NameTok token(const ActionInput& in, State& st) {
    NameTok n{in.string(), Span{st.off(in.begin()), st.off(in.end())}};
    st.last_end = n.span.end;
    return n;
}

// Moves the strings read so far (a clause's string list) to `to`.
inline void take_strings(State& st, std::vector<StringLit>& to) {
    for (auto& s : st.strings) to.push_back(std::move(s));
    st.strings.clear();
}

// message.cpp: a rule's message text -> pieces; placeholder syntax errors are reported.
Message parse_message(State& st, const StringLit& lit);

// actions_table.cpp: the checks of a table that need only its own clauses.
void finish_table(State& st);

}  // namespace nianbao::rules::detail::parsing
