// The catalogue of every error and warning the rule compiler can emit.
//
// Each entry: the stable code users see ("R203"), a short kebab-case name,
// the severity, and the message format (fmt syntax with positional arguments
// {0}, {1}, ...; literal braces are written {{ and }}).  No other file of the
// compiler contains message text: code raises an `Err` with arguments and
// format_error() builds the text.  docs/rule-errors.md documents each code
// (a unit test checks that every code appears there).
//
// Code ranges:  R1xx syntax   R2xx names and messages   R3xx patterns
//               R4xx declarations and rules   R5xx rule sets and inheritance
#pragma once
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace nianbao::rules {

enum class Err {
    // R1xx syntax (one per broken declaration: the parser resumes at the next
    // line starting with a declaration keyword; R116 does not stop parsing)
    unterminated_string,
    invalid_escape,
    unterminated_pattern,
    expected_string,
    expected_name,
    expected_expression,
    unclosed_paren,
    unclosed_bracket,
    expected_brace,
    expected_equals,
    expected_in,
    incomplete_case,
    expected_applies,
    expected_number,
    expected_severity,
    unknown_severity,
    unknown_clause,
    expected_clause,
    unknown_declaration,
    expected_declaration,
    misplaced_ruleset,
    single_equals,
    foreign_operator,
    keyword_as_name,
    expected_value_type,
    nested_too_deeply,
    expression_too_long,
    // R2xx names
    unknown_function,
    wrong_arity,
    unknown_name,
    not_a_function,
    function_as_value,
    unknown_section_member,
    fact_cycle,
    duplicate_local,
    used_before_let,
    unknown_placeholder,
    unclosed_placeholder,
    stray_brace,
    invalid_placeholder,
    unknown_table_entry,
    cell_needs_row_and_column,
    not_a_table,
    unknown_member,
    unknown_section,
    // R3xx patterns
    unknown_macro,
    invalid_pattern,
    invalid_capture_name,
    duplicate_capture,
    section_pattern_not_regex,
    // R4xx declarations and rules
    duplicate_rule,
    duplicate_name,
    missing_source,
    missing_message,
    missing_check,
    several_checks,
    report_with_expression,
    duplicate_clause,
    missing_section_number,
    missing_section_title,
    number_out_of_range,
    duplicate_section_number,
    missing_ruleset,
    duplicate_table_entry,
    reversed_range,
    unlabeled_row_label,
    missing_row_label,
    empty_table,
    // R5xx rule sets
    unknown_ruleset,
    extends_cycle,
    duplicate_ruleset,
    drop_not_inherited,
    removed_by_extension,
    count_
};

struct ErrorInfo {
    Err id;
    const char* code;    // "R203"
    const char* name;    // "unknown-name"
    Severity severity;   // error or warning
    const char* format;  // fmt format, positional arguments
};

// The catalogue, in enum order.
std::span<const ErrorInfo> error_catalogue();
const ErrorInfo& error_info(Err e);
const ErrorInfo* find_error(std::string_view code);

// The message of `e` with its arguments substituted.
std::string format_error(Err e, std::span<const std::string> args);
inline std::string format_error(Err e, std::initializer_list<std::string> args) {
    return format_error(e, std::span<const std::string>(args.begin(), args.size()));
}

// Edit distance in code points (Levenshtein).
std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within edit distance 2 (and less than the word's
// length), or "" when none is close enough.
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" for the closest candidate, or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace nianbao::rules
