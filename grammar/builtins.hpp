// The builtin names of the rule language, shared by the compiler (name and
// arity checks at load time) and the evaluator (which implements them).
#pragma once
#include <span>
#include <string_view>

namespace nianbao::rules {

enum class Builtin {
    // values
    document,        // the whole report text (a scope)
    sections,        // list of the ruleset's declared sections, bound to the report
    // functions
    first,           // first(REGEX, SCOPE)    -> match record or missing
    last,            // last(REGEX, SCOPE)     -> match record or missing
    all,             // all(REGEX, SCOPE)      -> list of match records
    count,           // count(REGEX, SCOPE)    -> number of matches; count(LIST) -> length
    head,            // head(N)                -> scope: first N non-blank lines
    tail,            // tail(N)                -> scope: last N non-blank lines
    body,            // body(SECTION)          -> scope: section text without its heading
    text,            // text(X)                -> string of a value with a place (section: heading+body)
    line_of,         // line_of(X)             -> the whole line holding X
    line_before,     // line_before(X)         -> previous non-blank line
    line_after,      // line_after(X)          -> next non-blank line
    exists,          // exists(X)              -> false when X is missing (or an empty list)
    date,            // date(Y, M, D)          -> date
    numbering_issues,// numbering_issues(SCOPE?) -> list of {kind, found, expected}
    extra_headings,  // extra_headings(LEVEL)  -> headings at LEVEL bound to no declared section
    headings,        // headings(LEVEL?)       -> scope: heading lines (all or of one level)
    // tables
    rows,            // rows(TABLE, ROWGROUP?) -> list of row values (name, label, found, text, match)
    columns,         // columns(TABLE, COLGROUP?) -> list of column values (name, label)
    sum,             // sum(LIST, MEMBER?)     -> number; missing if any element is not a number
    max,             // max(LIST)              -> the largest element (with its place); missing if any is not a number
    min,             // min(LIST)              -> the smallest element (with its place); missing if any is not a number
    cells,           // cells(TABLE)           -> list of every cell of the table (members row, column, state, unit, note)
    state,           // state(CELL)            -> "number" | "blank" | "dash" | "text" | "unbound"
    abs,             // abs(N)
    round,           // round(N)               -> nearest integer
    // other reports (eval/cross.cpp)
    previous,        // previous(X)            -> X in the same agency's report of the year before
    children,        // children(X)            -> list: X in each report of the agencies configured below this one
    similarity,      // similarity(A, B)       -> 0..1: shingle similarity of two texts, digits masked
    shared_passages, // shared_passages(A, B)  -> list of the passages of A that B has too, {text, other}
    same,            // same(A, B)             -> true when two lists of numbers are equal item by item
    similar_reports, // similar_reports(N)     -> list: the batch's reports of other agencies at least N alike
    others,          // others(FACT)           -> list of the values of fact FACT (a string) in the batch's other agencies' reports
    mentions,        // mentions(LIST, SCOPE)  -> list of the places where any string of LIST occurs in SCOPE
};

struct BuiltinInfo {
    std::string_view name;
    Builtin id;
    int min_args;  // -1 = not callable (a value)
    int max_args;
    std::string_view signature;  // for error messages and docs
    std::string_view summary;
};

std::span<const BuiltinInfo> builtin_table();
const BuiltinInfo* find_builtin(std::string_view name);

// Members a bound section exposes (checked at load time on `SECTION.member`).
std::span<const std::string_view> section_members();
// Members of a bound table (`TABLE.member`).
std::span<const std::string_view> table_members();

}  // namespace nianbao::rules
