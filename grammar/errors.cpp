// The error catalogue (one entry per code, its text in fmt syntax),
// format_error, the did-you-mean suggestions, and make_diag, which turns an
// Err with its arguments and place into a RuleDiagnostic.
#include "grammar/errors.hpp"

#include <algorithm>
#include <array>
#include <fmt/args.h>
#include <fmt/format.h>

#include "core/utf8.hpp"
#include "grammar/internal.hpp"

namespace nianbao::rules {

namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

constexpr std::array<ErrorInfo, static_cast<std::size_t>(Err::count_)> kCatalogue{{
    // ---- R1xx syntax
    {Err::unterminated_string, "R101", "unterminated-string", E,
     "unterminated string: the closing '\"' is missing on this line (strings cannot span lines; write \\n for a line break)"},
    {Err::invalid_escape, "R102", "invalid-escape", E,
     "invalid escape sequence in a string: use \\\", \\\\, \\n, \\t or \\uXXXX (four hex digits)"},
    {Err::unterminated_pattern, "R103", "unterminated-pattern", E,
     "unterminated pattern: the closing '/' is missing on this line (write \\/ for a slash inside a pattern)"},
    {Err::expected_string, "R104", "expected-string", E, "expected a string \"…\" after {0}"},
    {Err::expected_name, "R105", "expected-name", E, "expected {0} after {1}"},
    {Err::expected_expression, "R106", "expected-expression", E, "expected an expression after {0}"},
    {Err::unclosed_paren, "R107", "unclosed-paren", E, "expected ')' to close '('"},
    {Err::unclosed_bracket, "R108", "unclosed-bracket", E, "expected ']' to close '['"},
    {Err::expected_brace, "R109", "expected-brace", E, "expected '{{' after the {0} header"},
    {Err::expected_equals, "R110", "expected-equals", E, "expected '=' here: the form is '{0}'"},
    {Err::expected_in, "R111", "expected-in", E, "expected 'in' after the loop variable: the form is 'for VAR in LIST'"},
    {Err::incomplete_case, "R112", "incomplete-case", E,
     "expected '{0}' in this case expression (the form is 'case when C then V … else V end')"},
    {Err::expected_applies, "R113", "expected-applies", E, "expected 'always' or 'when CONDITION' after 'applies'"},
    {Err::expected_number, "R114", "expected-number", E, "expected a number after '{0}'"},
    {Err::expected_severity, "R115", "expected-severity", E,
     "expected the rule's severity (error, warning or info) after the rule id: the form is 'rule ID SEVERITY \"title\" {{ … }}'"},
    {Err::unknown_severity, "R116", "unknown-severity", E, "unknown severity '{0}': a rule's severity is error, warning or info"},
    {Err::unknown_clause, "R117", "unknown-clause", E, "unknown clause '{0}' in a {1}{2}"},
    {Err::expected_clause, "R118", "expected-clause", E, "expected a {0} clause ({1}) or '}}' to close the {0}"},
    {Err::unknown_declaration, "R119", "unknown-declaration", E,
     "unknown declaration '{0}': expected 'fact', 'section', 'table' or 'rule'{1}"},
    {Err::expected_declaration, "R120", "expected-declaration", E,
     "expected a declaration: 'fact', 'section', 'table' or 'rule' (is there an extra '}}' or a clause outside its block?)"},
    {Err::misplaced_ruleset, "R121", "misplaced-ruleset", E,
     "the ruleset declaration must be the first declaration of a file, and a file declares only one rule set"},
    {Err::single_equals, "R123", "single-equals", E, "'=' is not a comparison: write '==' (or '!=', '<=', '>=')"},
    {Err::foreign_operator, "R124", "foreign-operator", E, "'{0}' is not an operator of the rule language: write '{1}'"},
    {Err::keyword_as_name, "R125", "keyword-as-name", E, "'{0}' is a keyword and cannot be used as {1}"},
    {Err::expected_value_type, "R126", "expected-value-type", E, "expected 'integer' or 'decimal' after 'type'"},
    {Err::nested_too_deeply, "R127", "nested-too-deeply", E, "expression nested too deeply (more than {0} levels)"},
    {Err::expression_too_long, "R128", "expression-too-long", E,
     "expression too long (more than {0} operations one after another): split it with 'let'"},
    // ---- R2xx names
    {Err::unknown_function, "R201", "unknown-function", E, "unknown function '{0}'{1}"},
    {Err::wrong_arity, "R202", "wrong-arity", E, "'{0}' takes {1}, {2} given: {3}"},
    {Err::unknown_name, "R203", "unknown-name", E, "unknown name '{0}'{1}"},
    {Err::not_a_function, "R204", "not-a-function", E, "'{0}' is {1}, not a function"},
    {Err::function_as_value, "R205", "function-as-value", E, "'{0}' is a function: call it, as in {1}"},
    {Err::unknown_section_member, "R206", "unknown-section-member", E,
     "section '{0}' has no member '{1}'{2}; members are: {3}"},
    {Err::fact_cycle, "R207", "fact-cycle", E, "facts depend on each other in a cycle: {0}"},
    {Err::duplicate_local, "R208", "duplicate-local", E, "'{0}' is already defined in this rule (at line {1})"},
    {Err::used_before_let, "R209", "used-before-let", E,
     "'{0}' is used before its 'let' (line {1}): a 'let' is visible only in the clauses after it"},
    {Err::unknown_placeholder, "R210", "unknown-placeholder", E, "unknown name '{0}' in a message placeholder{1}"},
    {Err::unclosed_placeholder, "R211", "unclosed-placeholder", E,
     "unclosed '{{' in the message: close the placeholder with '}}', or write '{{{{' for a literal brace"},
    {Err::stray_brace, "R212", "stray-brace", E, "'}}' without a matching '{{' in the message: write '}}}}' for a literal brace"},
    {Err::invalid_placeholder, "R213", "invalid-placeholder", E,
     "invalid placeholder '{{{0}}}': a placeholder is a name followed by members, as in {{period.start}}"},
    {Err::unknown_table_entry, "R214", "unknown-table-entry", E, "no {0} '{1}' in table '{2}'{3}"},
    {Err::cell_needs_row_and_column, "R215", "cell-needs-row-and-column", E,
     "a table cell needs [ROW, COLUMN]: write {0}[ROW, COLUMN] ('{0}' is a table, not a list)"},
    {Err::not_a_table, "R216", "not-a-table", E, "'{0}' is not a table: {1} needs the name of a table{2}"},
    {Err::unknown_member, "R217", "unknown-member", E, "no member '{1}' of '{0}' (its members: {3}){2}"},
    {Err::unknown_section, "R218", "unknown-section", E, "unknown section '{0}'{1}"},
    // ---- R3xx patterns
    {Err::unknown_macro, "R301", "unknown-macro", E,
     "unknown pattern macro '{{{0}}}': the macros are {{year}}, {{date}}, {{int}} and {{num}}, optionally named as {{year:NAME}}{1}"},
    {Err::invalid_pattern, "R302", "invalid-pattern", E, "invalid pattern: {0}"},
    {Err::invalid_capture_name, "R303", "invalid-capture-name", E,
     "invalid capture name '{0}': a capture name is ASCII letters and digits, starting with a letter"},
    {Err::duplicate_capture, "R304", "duplicate-capture", E, "the capture '{0}' is defined twice in this pattern"},
    {Err::section_pattern_not_regex, "R305", "section-pattern-not-regex", E,
     "a section's pattern must be a pattern literal /…/ (for exact titles use 'title' or 'variants')"},
    // ---- R4xx declarations and rules
    {Err::duplicate_rule, "R401", "duplicate-rule", E, "rule '{0}' is already declared in this file (line {1})"},
    {Err::duplicate_name, "R402", "duplicate-name", E, "'{0}' is already declared in this file as a {1} (line {2})"},
    {Err::missing_source, "R403", "missing-source", E,
     "rule '{0}' has no 'source': every rule must cite the article, template note or document it enforces"},
    {Err::missing_message, "R404", "missing-message", E, "rule '{0}' has no 'message': every rule must say what its finding is"},
    {Err::missing_check, "R405", "missing-check", E, "rule '{0}' has no check: it needs one 'require', 'forbid' or 'report'"},
    {Err::several_checks, "R406", "several-checks", E,
     "rule '{0}' already has a '{1}' check (line {2}): a rule has exactly one require, forbid or report (combine conditions with 'and', or write two rules)"},
    {Err::report_with_expression, "R407", "report-with-expression", E,
     "'report' takes no expression: every iteration that gets past 'when' is a finding (use 'require' or 'forbid' to check a condition, 'when' to filter)"},
    {Err::duplicate_clause, "R408", "duplicate-clause", E, "'{0}' is given twice in this {1} (first at line {2})"},
    {Err::missing_section_number, "R409", "missing-section-number", E,
     "section '{0}' has no 'number': say its position in the format (number 3 = 三)"},
    {Err::missing_section_title, "R410", "missing-section-title", E, "section '{0}' has no 'title': give its canonical title"},
    {Err::number_out_of_range, "R411", "number-out-of-range", E, "'{0}' must be a whole number from {1} to {2}"},
    {Err::duplicate_section_number, "R412", "duplicate-section-number", W,
     "sections '{0}' and '{1}' both have number {2} in rule set '{3}'"},
    {Err::missing_ruleset, "R413", "missing-ruleset", E,
     "a rule file must start with a ruleset declaration: ruleset NAME \"title\" {{ … }}"},
    {Err::duplicate_table_entry, "R414", "duplicate-table-entry", E,
     "'{0}' is already declared in table '{1}' as a {2} (line {3})"},
    {Err::reversed_range, "R415", "reversed-range", E,
     "the range '{0} .. {1}' is reversed: '{1}' is declared before '{0}' in table '{2}'"},
    {Err::unlabeled_row_label, "R416", "unlabeled-row-label", E,
     "row '{0}' is 'unlabeled' and cannot have a label (its values are the first run of values in the table)"},
    {Err::missing_row_label, "R417", "missing-row-label", E,
     "row '{0}' has no label: give the label printed in the report (row {0} \"…\"), or mark it 'unlabeled'"},
    {Err::empty_table, "R418", "empty-table", E, "table '{0}' declares no {1}"},
    // ---- R5xx rule sets
    {Err::unknown_ruleset, "R501", "unknown-ruleset", E, "unknown rule set '{0}'{1}"},
    {Err::extends_cycle, "R502", "extends-cycle", E, "rule sets extend each other in a cycle: {0}"},
    {Err::duplicate_ruleset, "R503", "duplicate-ruleset", E, "rule set '{0}' is already declared in {1}"},
    {Err::drop_not_inherited, "R504", "drop-not-inherited", W,
     "'drop {0}': rule set '{1}' inherits no rule with this id{2}"},
    {Err::removed_by_extension, "R505", "removed-by-extension", E,
     "rule {0} (inherited from {1}, {2}) uses {3} '{4}' of table '{5}', which {6} removes: declare the {3} again "
     "in this table, or 'drop {0}' (or declare {0} anew) in rule set '{6}'"},
}};

constexpr bool catalogue_in_order() {
    for (std::size_t i = 0; i < kCatalogue.size(); ++i)
        if (static_cast<std::size_t>(kCatalogue[i].id) != i) return false;
    return true;
}
static_assert(catalogue_in_order(), "kCatalogue must list the errors in enum order");


}  // namespace

std::span<const ErrorInfo> error_catalogue() { return kCatalogue; }

const ErrorInfo& error_info(Err e) { return kCatalogue[static_cast<std::size_t>(e)]; }

const ErrorInfo* find_error(std::string_view code) {
    for (const auto& e : kCatalogue)
        if (code == e.code) return &e;
    return nullptr;
}

std::string format_error(Err e, std::span<const std::string> args) {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const auto& a : args) store.push_back(a);
    // Missing arguments would throw: pad generously with empty strings.
    for (std::size_t i = args.size(); i < 6; ++i) store.push_back(std::string{});
    try {
        return fmt::vformat(error_info(e).format, store);
    } catch (const fmt::format_error&) {
        return error_info(e).format;
    }
}

std::size_t edit_distance(std::string_view a8, std::string_view b8) { return utf8::edit_distance(a8, b8); }

std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
    const std::size_t len = utf8::length(word);
    std::string best;
    std::size_t best_d = 3;
    for (const auto& c : candidates) {
        if (c == word) continue;
        const std::size_t d = edit_distance(word, c);
        if (d < best_d && d < std::max<std::size_t>(len, 2)) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best = closest_name(word, candidates);
    return best.empty() ? std::string{} : " (did you mean '" + best + "'?)";
}

namespace detail {

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

}  // namespace detail

}  // namespace nianbao::rules
