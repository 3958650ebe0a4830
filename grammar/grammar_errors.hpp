// The error table of the grammar (grammar.hpp): the message of every `must<>`
// point, as "CODE;arg;arg" -- a catalogue code (grammar/errors.hpp) and its
// arguments; the text itself lives in the catalogue.  An argument "@op" is
// replaced by the operator just read.  Also the PEGTL control that raises
// them.  Included only where the parser runs (parser.cpp).
#pragma once
#include "grammar/grammar.hpp"

namespace nianbao::rules::grammar {

template <typename>
inline constexpr const char* error_message = nullptr;

template <typename F>
inline constexpr const char* error_message<string_list<F>> = error_message<F>;

// lexical
template <> inline constexpr auto error_message<string_close> = "R101";
template <> inline constexpr auto error_message<escape_code> = "R102";
template <> inline constexpr auto error_message<regex_close> = "R103";
// expressions
template <> inline constexpr auto error_message<paren_inner> = "R106;'('";
template <> inline constexpr auto error_message<paren_close> = "R107";
template <> inline constexpr auto error_message<call_arg> = "R106;','";
template <> inline constexpr auto error_message<list_item> = "R106;','";
template <> inline constexpr auto error_message<bracket_close> = "R108";
template <> inline constexpr auto error_message<case_cond> = "R106;'when'";
template <> inline constexpr auto error_message<case_then> = "R112;then";
template <> inline constexpr auto error_message<case_value> = "R106;'then'";
template <> inline constexpr auto error_message<case_first_when> = "R112;when";
template <> inline constexpr auto error_message<case_else> = "R112;else";
template <> inline constexpr auto error_message<case_else_value> = "R106;'else'";
template <> inline constexpr auto error_message<case_end> = "R112;end";
template <> inline constexpr auto error_message<bang> = "R124;!;not";
template <> inline constexpr auto error_message<member_name> = "R105;a member name;'.'";
template <> inline constexpr auto error_message<index_value> = "R106;'['";
template <> inline constexpr auto error_message<index_second> = "R106;','";
template <> inline constexpr auto error_message<neg_rhs> = "R106;'-'";
template <> inline constexpr auto error_message<prod_rhs> = "R106;@op";
template <> inline constexpr auto error_message<sum_rhs> = "R106;@op";
template <> inline constexpr auto error_message<cmp_rhs> = "R106;@op";
template <> inline constexpr auto error_message<eq_sign> = "R123";
template <> inline constexpr auto error_message<amp_amp> = "R124;&&;and";
template <> inline constexpr auto error_message<bar_bar> = "R124;||;or";
template <> inline constexpr auto error_message<not_rhs> = "R106;'not'";
template <> inline constexpr auto error_message<and_rhs> = "R106;'and'";
template <> inline constexpr auto error_message<or_rhs> = "R106;'or'";
template <> inline constexpr auto error_message<coalesce_rhs> = "R106;'?\?'";
// ruleset
template <> inline constexpr auto error_message<ruleset_name> = "R105;a rule-set name;'ruleset'";
template <> inline constexpr auto error_message<ruleset_title> = "R104;the rule-set name";
template <> inline constexpr auto error_message<ruleset_open> = "R109;ruleset";
template <> inline constexpr auto error_message<extends_name> = "R105;a rule-set name;'extends'";
template <> inline constexpr auto error_message<extends_next> = "R105;a rule-set name;','";
template <> inline constexpr auto error_message<drop_name> = "R105;a rule id;'drop'";
template <> inline constexpr auto error_message<drop_next> = "R105;a rule id;','";
template <> inline constexpr auto error_message<applies_body> = "R113";
template <> inline constexpr auto error_message<applies_expr> = "R106;'when'";
template <> inline constexpr auto error_message<source_string> = "R104;'source'";
template <> inline constexpr auto error_message<ruleset_close> = "R118;ruleset;extends, drop, applies, source";
template <> inline constexpr auto error_message<kw_ruleset> = "R121";
// fact
template <> inline constexpr auto error_message<fact_name> = "R105;a fact name;'fact'";
template <> inline constexpr auto error_message<fact_eq> = "R110;fact NAME \"label\" = EXPRESSION";
template <> inline constexpr auto error_message<fact_expr> = "R106;'='";
// section
template <> inline constexpr auto error_message<section_name> = "R105;a section name;'section'";
template <> inline constexpr auto error_message<section_open> = "R109;section";
template <> inline constexpr auto error_message<sec_number_value> = "R114;number";
template <> inline constexpr auto error_message<sec_level_value> = "R114;level";
template <> inline constexpr auto error_message<title_string> = "R104;'title'";
template <> inline constexpr auto error_message<variants_string> = "R104;'variants'";
template <> inline constexpr auto error_message<discouraged_string> = "R104;'discouraged'";
template <> inline constexpr auto error_message<next_string> = "R104;','";
template <> inline constexpr auto error_message<pattern_value> = "R106;'pattern'";
template <> inline constexpr auto error_message<section_close> =
    "R118;section;number, level, title, variants, discouraged, pattern, optional";
// table
template <> inline constexpr auto error_message<table_name> = "R105;a table name;'table'";
template <> inline constexpr auto error_message<table_open> = "R109;table";
template <> inline constexpr auto error_message<tbl_in_name> = "R105;a section name;'in'";
template <> inline constexpr auto error_message<anchor_string> = "R104;'anchor'";
template <> inline constexpr auto error_message<column_first> = "R105;a column name;'columns'";
template <> inline constexpr auto error_message<column_next> = "R105;a column name;','";
template <> inline constexpr auto error_message<colgroup_name> = "R105;a group name;'colgroup'";
template <> inline constexpr auto error_message<rowgroup_name> = "R105;a group name;'rowgroup'";
template <> inline constexpr auto error_message<colgroup_eq> = "R110;colgroup NAME = A, B, D .. F";
template <> inline constexpr auto error_message<rowgroup_eq> = "R110;rowgroup NAME = A, B, D .. F";
template <> inline constexpr auto error_message<group_members> = "R105;a member name;'='";
template <> inline constexpr auto error_message<member_next> = "R105;a member name;','";
template <> inline constexpr auto error_message<range_end> = "R105;the name ending the range;'..'";
template <> inline constexpr auto error_message<row_name> = "R105;a row name;'row'";
template <> inline constexpr auto error_message<row_col_first> = "R105;a column name;'columns'";
template <> inline constexpr auto error_message<row_col_next> = "R105;a column name;','";
template <> inline constexpr auto error_message<type_value> = "R126";
template <> inline constexpr auto error_message<row_type_value> = "R126";
template <> inline constexpr auto error_message<table_close> =
    "R118;table;in, anchor, columns, colgroup, rowgroup, row, type";
// rule
template <> inline constexpr auto error_message<rule_id> = "R105;a rule id;'rule'";
template <> inline constexpr auto error_message<rule_severity> = "R115";
template <> inline constexpr auto error_message<rule_title> = "R104;the severity";
template <> inline constexpr auto error_message<rule_open> = "R109;rule";
template <> inline constexpr auto error_message<message_string> = "R104;'message'";
template <> inline constexpr auto error_message<explain_string> = "R104;'explain'";
template <> inline constexpr auto error_message<good_string> = "R104;'good'";
template <> inline constexpr auto error_message<bad_string> = "R104;'bad'";
template <> inline constexpr auto error_message<for_var> = "R105;a variable name;'for'";
template <> inline constexpr auto error_message<for_in> = "R111";
template <> inline constexpr auto error_message<for_expr> = "R106;'in'";
template <> inline constexpr auto error_message<when_expr> = "R106;'when'";
template <> inline constexpr auto error_message<let_var> = "R105;a name;'let'";
template <> inline constexpr auto error_message<let_eq> = "R110;let NAME = EXPRESSION";
template <> inline constexpr auto error_message<let_expr> = "R106;'='";
template <> inline constexpr auto error_message<require_expr> = "R106;'require'";
template <> inline constexpr auto error_message<forbid_expr> = "R106;'forbid'";
template <> inline constexpr auto error_message<at_expr> = "R106;'at'";
template <> inline constexpr auto error_message<rule_close> =
    "R118;rule;source, message, require, forbid, report, when, let, for, at, explain, good, bad";
// file
template <> inline constexpr auto error_message<file_end> = "R120";

struct error {
    template <typename Rule>
    static constexpr bool raise_on_failure = false;
    template <typename Rule>
    static constexpr auto message = error_message<Rule>;
};
template <typename Rule>
using control = tao::pegtl::must_if<error>::control<Rule>;

}  // namespace nianbao::rules::grammar
