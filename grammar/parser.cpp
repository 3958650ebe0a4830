// Pass 1: parse one rule file into a RuleFile (grammar.hpp holds the grammar,
// grammar_errors.hpp its error table, actions_*.cpp the actions building the
// AST).  Every node gets Where = {file, byte span} without trailing
// whitespace.  Syntax errors (parse_error) become RuleDiagnostics with a
// catalogue code and a precise place; the file is parsed one declaration at a
// time, and after an error parsing resumes at the next line starting with a
// declaration keyword, the broken declaration staying declared by name.  Also
// the control that limits the nesting of expressions (R127).
#include <algorithm>

#include "core/utf8.hpp"
#include "grammar/actions.hpp"
#include "grammar/grammar_errors.hpp"

namespace nianbao::rules::detail {

namespace parsing {
namespace {

using namespace grammar;  // NOLINT


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
}  // namespace parsing

ParseResult parse_rule_file(const std::shared_ptr<const SourceText>& src) {
    using namespace parsing;  // NOLINT
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
        Input in(text.data() + pos, text.data() + text.size(), src->path());
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

}  // namespace nianbao::rules::detail
