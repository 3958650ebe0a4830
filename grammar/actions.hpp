// Private to the parser: which grammar rules (grammar.hpp) have an action,
// and where it is defined.  Every action is a non-template
// apply(const ActionInput&, State&) defined in the action file of its
// construct, so that the files compile apart; parser.cpp runs PEGTL with
// `action` and needs only these declarations.
#pragma once
#include "grammar/grammar.hpp"
#include "grammar/parse_state.hpp"

namespace nianbao::rules::detail::parsing {

template <typename Rule>
struct action : pg::nothing<Rule> {};

#define NIANBAO_ACTION(rule) \
    template <>              \
    struct action<grammar::rule> { static void apply(const ActionInput& in, State& st); }
#define NIANBAO_SHARED_ACTION(name) \
    struct name { static void apply(const ActionInput& in, State& st); }

// ---- actions_expr.cpp: literals and expressions (AST nodes with their spans)
NIANBAO_ACTION(string_open);
NIANBAO_ACTION(regex_open);
NIANBAO_ACTION(string_lit);
NIANBAO_ACTION(string_tok);
NIANBAO_ACTION(regex_lit);
NIANBAO_ACTION(number_lit);
NIANBAO_ACTION(kw_true);
NIANBAO_ACTION(kw_false);
NIANBAO_ACTION(ident_ref);
NIANBAO_SHARED_ACTION(end_action);  // a closing token: the end of the node
template <> struct action<grammar::rparen> : end_action {};
template <> struct action<grammar::rbracket> : end_action {};
template <> struct action<grammar::rbrace> : end_action {};
template <> struct action<grammar::case_end_kw> : end_action {};
NIANBAO_ACTION(paren_expr);
NIANBAO_ACTION(call_name);
NIANBAO_ACTION(call_head);
NIANBAO_ACTION(call);
NIANBAO_ACTION(list_open);
NIANBAO_ACTION(list_expr);
NIANBAO_ACTION(case_kw);
NIANBAO_ACTION(case_expr);
NIANBAO_ACTION(member_word);
NIANBAO_ACTION(member_access);
NIANBAO_ACTION(index_open);
NIANBAO_ACTION(index_access);
NIANBAO_SHARED_ACTION(op_action);  // an operator: pushed for the node after its operand(s)
template <> struct action<grammar::neg_op> : op_action {};
template <> struct action<grammar::prod_op> : op_action {};
template <> struct action<grammar::sum_op> : op_action {};
template <> struct action<grammar::cmp_op> : op_action {};
template <> struct action<grammar::kw_not> : op_action {};
template <> struct action<grammar::kw_and> : op_action {};
template <> struct action<grammar::kw_or> : op_action {};
template <> struct action<grammar::coalesce_op> : op_action {};
NIANBAO_SHARED_ACTION(unary_action);
template <> struct action<grammar::neg_expr> : unary_action {};
template <> struct action<grammar::not_op> : unary_action {};
NIANBAO_SHARED_ACTION(binary_action);
template <> struct action<grammar::prod_tail> : binary_action {};
template <> struct action<grammar::sum_tail> : binary_action {};
template <> struct action<grammar::cmp_tail> : binary_action {};
template <> struct action<grammar::and_tail> : binary_action {};
template <> struct action<grammar::or_tail> : binary_action {};
template <> struct action<grammar::coalesce_tail> : binary_action {};

// ---- actions_decl.cpp: names of declarations; ruleset, fact and section
NIANBAO_SHARED_ACTION(name_action);
template <> struct action<grammar::decl_ident> : name_action {};
template <> struct action<grammar::decl_name> : name_action {};
NIANBAO_ACTION(ruleset_kw);
NIANBAO_ACTION(ruleset_name);
NIANBAO_ACTION(ruleset_title);
NIANBAO_SHARED_ACTION(extends_action);
template <> struct action<grammar::extends_name> : extends_action {};
template <> struct action<grammar::extends_next> : extends_action {};
NIANBAO_SHARED_ACTION(drop_action);
template <> struct action<grammar::drop_name> : drop_action {};
template <> struct action<grammar::drop_next> : drop_action {};
NIANBAO_ACTION(rs_applies);
NIANBAO_ACTION(rs_source);
NIANBAO_ACTION(unknown_ruleset_clause);
NIANBAO_ACTION(ruleset_decl);
NIANBAO_ACTION(fact_kw);
NIANBAO_ACTION(fact_name);
NIANBAO_ACTION(fact_label);
NIANBAO_ACTION(fact_decl);
NIANBAO_ACTION(section_kw);
NIANBAO_ACTION(section_name);
NIANBAO_ACTION(sec_number);
NIANBAO_ACTION(sec_level);
NIANBAO_ACTION(sec_title);
NIANBAO_ACTION(sec_variants);
NIANBAO_ACTION(sec_discouraged);
NIANBAO_ACTION(sec_pattern);
NIANBAO_ACTION(sec_optional);
NIANBAO_ACTION(unknown_section_clause);
NIANBAO_ACTION(section_decl);
NIANBAO_ACTION(unknown_decl);

// ---- actions_table.cpp: table
NIANBAO_ACTION(table_kw);
NIANBAO_ACTION(table_name);
NIANBAO_ACTION(tbl_in);
NIANBAO_ACTION(tbl_anchor);
NIANBAO_ACTION(column_ident);
NIANBAO_ACTION(column_label);
NIANBAO_ACTION(group_ident);
NIANBAO_ACTION(member_ident);
NIANBAO_ACTION(range_end_ident);
NIANBAO_ACTION(tbl_colgroup);
NIANBAO_ACTION(tbl_rowgroup);
NIANBAO_ACTION(row_ident);
NIANBAO_ACTION(row_col_ident);
NIANBAO_ACTION(row_opt_columns);
NIANBAO_ACTION(row_opt_optional);
NIANBAO_ACTION(row_opt_unlabeled);
NIANBAO_ACTION(row_opt_integer);
NIANBAO_ACTION(row_opt_decimal);
NIANBAO_ACTION(tbl_row);
NIANBAO_ACTION(type_integer);
NIANBAO_ACTION(type_decimal);
NIANBAO_ACTION(tbl_type);
NIANBAO_ACTION(unknown_table_clause);
NIANBAO_ACTION(table_decl);

// ---- actions_rule.cpp: rule
NIANBAO_ACTION(rule_kw);
NIANBAO_ACTION(rule_id);
NIANBAO_ACTION(severity_word);
NIANBAO_ACTION(rule_title);
NIANBAO_ACTION(rule_source);
NIANBAO_ACTION(rule_message);
NIANBAO_ACTION(rule_explain);
NIANBAO_ACTION(rule_good);
NIANBAO_ACTION(rule_bad);
NIANBAO_ACTION(rule_for);
NIANBAO_ACTION(rule_when);
NIANBAO_ACTION(rule_let);
NIANBAO_SHARED_ACTION(check_kw_action);  // require / forbid / report: the keyword's place
template <> struct action<grammar::require_kw> : check_kw_action {};
template <> struct action<grammar::forbid_kw> : check_kw_action {};
template <> struct action<grammar::report_kw> : check_kw_action {};
NIANBAO_ACTION(rule_require);
NIANBAO_ACTION(rule_forbid);
NIANBAO_ACTION(report_expr);
NIANBAO_ACTION(rule_report);
NIANBAO_ACTION(rule_at);
NIANBAO_ACTION(unknown_rule_clause);
NIANBAO_ACTION(rule_decl);

#undef NIANBAO_ACTION
#undef NIANBAO_SHARED_ACTION

}  // namespace nianbao::rules::detail::parsing
