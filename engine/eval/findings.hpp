// Making the findings of a rule, private to eval/: where a finding points and
// which table cells it names (placement.cpp), and the finding itself with its
// message (messages.cpp).  checker.cpp runs the rules and calls these.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "eval/evaluator.hpp"
#include "eval/finding.hpp"

namespace nianbao::eval {

// What running the rules of one report writes to.
struct RunState {
    const Document& doc;
    const SourceText& src;
    std::vector<Finding>& out;
    const CheckOptions& options;
};

using CellIndex = std::array<int, 3>;  // table, row, column

// ---- placement.cpp ----------------------------------------------------------

// The report's first non-blank line: where a finding with no other place points.
Span first_line_span(const Document& doc);

// Where a finding points (a view span) and the cell it is at, if any.
struct Placement {
    Span place;
    std::optional<CellIndex> at_cell;
};

// A `when` clause's value is missing: the first missing value with a place,
// else the first value with a place, else the `for` item, else the first line.
Span place_missing_when(const Evaluator& ev, std::optional<Span> item_place, const Document& doc);
// The check's value is missing: the `at` value's place (evaluated now), else as
// for a missing `when`.
Placement place_not_assessable(const rules::RuleDecl& rule, Evaluator& ev, std::optional<Span> item_place,
                               const Document& doc);
// The check failed: the `at` value's place (a scope: its start), else the
// first value with a place used by the check, else the `for` item, else the
// first line.
Placement place_failure(const rules::RuleDecl& rule, Evaluator& ev, std::optional<Span> item_place,
                        const Document& doc);

// The table cells a finding names: the one it is at (given, or the one whose
// place it took) first, then every other cell its expressions read.
std::vector<FindingCell> finding_cells(const RunState& st, const Evaluator& ev, Span view_span,
                                       std::optional<CellIndex> at_cell);

// ---- messages.cpp -------------------------------------------------------------

// Adds the finding of `rule` at view_span to st.out: a failed check with the
// rule's message (placeholders filled in), or, when not_assessable, a note
// naming the reason.
void emit(RunState& st, const rules::RuleDecl& rule, Evaluator& ev, Span view_span, bool not_assessable,
          const std::string& reason, std::optional<CellIndex> at_cell = std::nullopt);

}  // namespace nianbao::eval
