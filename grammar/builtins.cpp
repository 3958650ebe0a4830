#include "builtins.hpp"

#include <array>

namespace nianbao::rules {

namespace {
constexpr std::array<BuiltinInfo, 35> kBuiltins{{
    {"document", Builtin::document, -1, -1, "document", "the whole report (a scope)"},
    {"sections", Builtin::sections, -1, -1, "sections", "the ruleset's declared sections, bound to the report"},
    {"first", Builtin::first, 2, 2, "first(REGEX, SCOPE)", "first match of REGEX in SCOPE (a record with .text and its named groups)"},
    {"last", Builtin::last, 2, 2, "last(REGEX, SCOPE)", "last match of REGEX in SCOPE"},
    {"all", Builtin::all, 2, 2, "all(REGEX, SCOPE)", "every match of REGEX in SCOPE, as a list"},
    {"count", Builtin::count, 1, 2, "count(REGEX, SCOPE) | count(LIST)", "number of matches, or length of a list"},
    {"head", Builtin::head, 1, 1, "head(N)", "scope: the first N non-blank lines"},
    {"tail", Builtin::tail, 1, 1, "tail(N)", "scope: the last N non-blank lines"},
    {"body", Builtin::body, 1, 1, "body(SECTION)", "scope: a section's text without its heading line"},
    {"text", Builtin::text, 1, 1, "text(X)", "the text of a value that has a place (a section: heading and body)"},
    {"line_of", Builtin::line_of, 1, 1, "line_of(X)", "the whole line on which X starts"},
    {"line_before", Builtin::line_before, 1, 1, "line_before(X)", "the non-blank line before X"},
    {"line_after", Builtin::line_after, 1, 1, "line_after(X)", "the non-blank line after X"},
    {"exists", Builtin::exists, 1, 1, "exists(X)", "true unless X is missing or an empty list"},
    {"date", Builtin::date, 3, 3, "date(Y, M, D)", "a calendar date"},
    {"numbering_issues", Builtin::numbering_issues, 0, 1, "numbering_issues(SCOPE?)", "numbering defects among sibling headings: records {kind, found, expected}"},
    {"extra_headings", Builtin::extra_headings, 1, 1, "extra_headings(LEVEL)", "headings of LEVEL bound to no declared section"},
    {"headings", Builtin::headings, 0, 1, "headings(LEVEL?)", "scope: the heading lines (of one level)"},
    {"rows", Builtin::rows, 1, 2, "rows(TABLE, ROWGROUP?)", "the table's rows (or a row group's), as row values"},
    {"columns", Builtin::columns, 1, 2, "columns(TABLE, COLGROUP?)", "the table's columns (or a column group's), as column values"},
    {"sum", Builtin::sum, 1, 2, "sum(LIST, MEMBER?)", "sum of numbers or cells (or of each record's MEMBER); missing when any is not a number"},
    {"max", Builtin::max, 1, 1, "max(LIST)", "the largest number of a list, with its place; missing if any is not a number or the list is empty"},
    {"min", Builtin::min, 1, 1, "min(LIST)", "the smallest number of a list, with its place; missing if any is not a number or the list is empty"},
    {"cells", Builtin::cells, 1, 1, "cells(TABLE)", "every cell of the table, row by row (members: row, column, state, unit, note)"},
    {"state", Builtin::state, 1, 1, "state(CELL)", "the state of a cell: number, blank, dash, text or unbound"},
    {"abs", Builtin::abs, 1, 1, "abs(N)", "absolute value"},
    {"round", Builtin::round, 1, 1, "round(N)", "the nearest integer"},
    {"previous", Builtin::previous, 1, 1, "previous(X)", "X evaluated in the same agency's report of the year before (in the batch or --history); missing, with the reason, when there is none"},
    {"children", Builtin::children, 1, 1, "children(X)", "list of records {agency, value, text}: X evaluated in the same year's report of each agency configured below this one (nianbao.toml [hierarchy]); empty when none is configured, missing when one's report is absent"},
    {"similarity", Builtin::similarity, 2, 2, "similarity(A, B)", "how much of text A is in text B, 0 to 1: the share of A's 5-character shingles (Chinese characters and letters, each number as one mark) that B has too"},
    {"shared_passages", Builtin::shared_passages, 2, 2, "shared_passages(A, B)", "list of the sentences of A (digits masked, at least 16 characters) that B has too: records {text, other}"},
    {"same", Builtin::same, 2, 2, "same(A, B)", "true when two lists (of cells) are equal item by item: equal numbers, or the same state where neither is a number"},
    {"similar_reports", Builtin::similar_reports, 1, 1, "similar_reports(N)", "list: the batch's reports of other agencies whose text is at least N (0..1) alike: records {agency, year, file, similarity, shared, text}"},
    {"others", Builtin::others, 1, 1, "others(\"FACT\")", "list: the distinct values of fact FACT in the batch's reports of other agencies"},
    {"mentions", Builtin::mentions, 2, 2, "mentions(LIST, SCOPE)", "list: each string of LIST that occurs in SCOPE (a longer one wins where two overlap), placed at its first occurrence: records {text, count}"},
}};

constexpr std::array<std::string_view, 11> kSectionMembers{
    "found", "required", "number", "numeral", "title", "heading", "match", "found_number", "level", "name", "marker"};
constexpr std::array<std::string_view, 3> kTableMembers{"found", "reason", "name"};
}  // namespace

std::span<const std::string_view> table_members() { return kTableMembers; }

std::span<const BuiltinInfo> builtin_table() { return kBuiltins; }

const BuiltinInfo* find_builtin(std::string_view name) {
    for (const auto& b : kBuiltins)
        if (b.name == name) return &b;
    return nullptr;
}

std::span<const std::string_view> section_members() { return kSectionMembers; }

}  // namespace nianbao::rules
