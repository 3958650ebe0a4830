// PEGTL grammar of nianbao rule files (docs/rule-language.md, "Grammar").
//
// Rules are empty structs deriving from PEGTL rules; actions live apart
// (actions.hpp lists them, actions_*.cpp define them).  Every token consumes the whitespace and comments after it
// (tok<>), so a rule's matched text starts at its first token.
//
// Error reporting: `must<>` points carry a message in the ONE table
// `error_message<Rule>` (grammar_errors.hpp, with the PEGTL control using it).  Each message is
// "CODE;arg;arg": a catalogue code (grammar/errors.hpp) and its arguments;
// the text itself lives in the catalogue.  An argument "@op" is replaced by
// the operator just read.  Rules named unknown_* match a word where a keyword
// is expected; their actions raise "unknown clause 'x' (did you mean 'y'?)".
#pragma once
#include <tao/pegtl.hpp>

namespace nianbao::rules::grammar {

using namespace tao::pegtl;  // NOLINT(google-build-using-namespace): grammar DSL

// ---------------------------------------------------------------- lexical
struct comment : seq<one<'#'>, star<not_one<'\n'>>> {};
struct ws_char : one<' ', '\t', '\r', '\n'> {};
struct ws : star<sor<ws_char, comment>> {};
template <typename R>
struct tok : seq<R, ws> {};

// commit<Cond, R...>: after Cond matched, each R must match (error_message<R>
// is raised otherwise); star<> and opt<> parts cannot fail and are not wrapped.
template <typename R>
struct guard { using type = must<R>; };
template <typename... R>
struct guard<star<R...>> { using type = star<R...>; };
template <typename... R>
struct guard<opt<R...>> { using type = opt<R...>; };
template <typename Cond, typename... Rules>
struct commit : seq<Cond, typename guard<Rules>::type...> {};

struct han : tao::pegtl::utf8::ranges<0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x2FA1F> {};
struct ident_first : sor<ascii::alpha, one<'_'>, han> {};
struct ident_other : sor<ascii::alnum, one<'_'>, han> {};
struct name_other : sor<ident_other, one<'-'>> {};

// A keyword: the word, not followed by an identifier character.
template <typename S>
struct word : seq<S, not_at<ident_other>> {};
// The same word where NAMEs (which may contain '-') are expected.
template <typename S>
struct name_word_of : seq<S, not_at<name_other>> {};

#define NIANBAO_KW(id, text)                       \
    using str_##id = TAO_PEGTL_STRING(text);       \
    struct kw_##id : word<str_##id> {}

NIANBAO_KW(ruleset, "ruleset");
NIANBAO_KW(extends, "extends");
NIANBAO_KW(drop, "drop");
NIANBAO_KW(applies, "applies");
NIANBAO_KW(always, "always");
NIANBAO_KW(when, "when");
NIANBAO_KW(source, "source");
NIANBAO_KW(fact, "fact");
NIANBAO_KW(section, "section");
NIANBAO_KW(rule, "rule");
NIANBAO_KW(for, "for");
NIANBAO_KW(in, "in");
NIANBAO_KW(let, "let");
NIANBAO_KW(require, "require");
NIANBAO_KW(forbid, "forbid");
NIANBAO_KW(report, "report");
NIANBAO_KW(at, "at");
NIANBAO_KW(message, "message");
NIANBAO_KW(explain, "explain");
NIANBAO_KW(good, "good");
NIANBAO_KW(bad, "bad");
NIANBAO_KW(error, "error");
NIANBAO_KW(warning, "warning");
NIANBAO_KW(info, "info");
NIANBAO_KW(and, "and");
NIANBAO_KW(or, "or");
NIANBAO_KW(not, "not");
NIANBAO_KW(true, "true");
NIANBAO_KW(false, "false");
NIANBAO_KW(case, "case");
NIANBAO_KW(then, "then");
NIANBAO_KW(else, "else");
NIANBAO_KW(end, "end");
NIANBAO_KW(table, "table");
// contextual words of section clauses (not reserved)
NIANBAO_KW(number, "number");
NIANBAO_KW(level, "level");
NIANBAO_KW(title, "title");
NIANBAO_KW(variants, "variants");
NIANBAO_KW(discouraged, "discouraged");
NIANBAO_KW(pattern, "pattern");
NIANBAO_KW(optional, "optional");
// contextual words of table clauses (not reserved: rows(...), columns(...) are builtins)
NIANBAO_KW(anchor, "anchor");
NIANBAO_KW(columns, "columns");
NIANBAO_KW(colgroup, "colgroup");
NIANBAO_KW(rowgroup, "rowgroup");
NIANBAO_KW(row, "row");
NIANBAO_KW(unlabeled, "unlabeled");
NIANBAO_KW(integer, "integer");
NIANBAO_KW(decimal, "decimal");
NIANBAO_KW(type, "type");
#undef NIANBAO_KW

template <template <typename> class W>
struct keywords_with
    : sor<W<str_ruleset>, W<str_extends>, W<str_drop>, W<str_applies>, W<str_always>, W<str_when>,
          W<str_source>, W<str_fact>, W<str_section>, W<str_rule>, W<str_for>, W<str_in>, W<str_let>,
          W<str_require>, W<str_forbid>, W<str_report>, W<str_at>, W<str_message>, W<str_explain>,
          W<str_good>, W<str_bad>, W<str_error>, W<str_warning>, W<str_info>, W<str_and>, W<str_or>,
          W<str_not>, W<str_true>, W<str_false>, W<str_case>, W<str_then>, W<str_else>, W<str_end>,
          W<str_table>> {};
struct any_keyword : keywords_with<word> {};
struct any_name_keyword : keywords_with<name_word_of> {};

struct ident_raw : seq<ident_first, star<ident_other>> {};              // any word, keywords included
struct ident : seq<not_at<any_keyword>, ident_raw> {};                  // IDENT
struct name_raw : plus<name_other> {};
struct name : seq<not_at<any_name_keyword>, name_raw> {};               // NAME

// strings "…"
struct string_open : one<'"'> {};
struct escape_code : sor<one<'"', '\\', 'n', 't'>, seq<one<'u'>, rep<4, xdigit>>> {};
struct string_escape : seq<one<'\\'>, must<escape_code>> {};
struct string_char : not_one<'"', '\\', '\n', '\r'> {};
struct string_close : one<'"'> {};
struct string_lit : seq<string_open, star<sor<string_escape, string_char>>, must<string_close>> {};

// patterns /…/
struct regex_open : one<'/'> {};
struct regex_char : sor<seq<one<'\\'>, not_one<'\n', '\r'>>, not_one<'/', '\\', '\n', '\r'>> {};
struct regex_close : one<'/'> {};
struct regex_lit : seq<regex_open, star<regex_char>, must<regex_close>> {};

struct number_lit : seq<plus<digit>, opt<one<'.'>, plus<digit>>> {};

struct comma : tok<one<','>> {};
struct lbrace : one<'{'> {};
struct rbrace : one<'}'> {};
struct rparen : one<')'> {};
struct rbracket : one<']'> {};
struct eq_sign : seq<one<'='>, not_at<one<'='>>> {};

// ---------------------------------------------------------------- expressions
struct expr;
struct or_expr;
struct and_expr;
struct not_expr;
struct sum_expr;
struct prod_expr;
struct unary_expr;

// primary
struct number_tok : tok<number_lit> {};
struct string_tok : tok<string_lit> {};
struct regex_tok : tok<regex_lit> {};
struct true_tok : tok<kw_true> {};
struct false_tok : tok<kw_false> {};

struct lparen : one<'('> {};
struct paren_close : tok<rparen> {};
struct paren_inner : seq<expr> {};
struct paren_expr : commit<tok<lparen>, paren_inner, paren_close> {};

struct call_name : ident {};
struct call_head : seq<tok<call_name>, tok<lparen>> {};
struct call_arg : seq<expr> {};         // after ','
struct call : seq<call_head, opt<expr, star<commit<comma, call_arg>>>, must<paren_close>> {};

struct list_open : one<'['> {};
struct list_item : seq<expr> {};        // after ','
struct bracket_close : tok<rbracket> {};
struct list_expr : commit<tok<list_open>, opt<expr, star<commit<comma, list_item>>>, bracket_close> {};

struct case_kw : kw_case {};
struct case_cond : seq<expr> {};
struct case_then : tok<kw_then> {};
struct case_value : seq<expr> {};
struct case_when : commit<tok<kw_when>, case_cond, case_then, case_value> {};
struct case_first_when : seq<case_when> {};
struct case_else : tok<kw_else> {};
struct case_else_value : seq<expr> {};
struct case_end_kw : kw_end {};
struct case_end : tok<case_end_kw> {};
struct case_expr : commit<tok<case_kw>, case_first_when, star<case_when>, case_else, case_else_value, case_end> {};

struct ident_ref : ident {};

struct bang : seq<one<'!'>, not_at<one<'=', '~'>>> {};
struct bad_not : seq<at<bang>, raise<bang>> {};

struct primary
    : sor<number_tok, string_tok, regex_tok, true_tok, false_tok, paren_expr, list_expr, case_expr, call,
          tok<ident_ref>, bad_not> {};

// postfix
struct dot : one<'.'> {};
struct member_word : ident_raw {};      // members may be keywords: period.end
struct member_name : tok<member_word> {};
struct member_access : commit<tok<dot>, member_name> {};
struct index_open : one<'['> {};
struct index_value : seq<expr> {};
struct index_second : seq<expr> {};     // T[ROW, COLUMN]: the column
struct index_access : commit<tok<index_open>, index_value, opt<commit<comma, index_second>>, bracket_close> {};
struct postfix : seq<primary, star<sor<member_access, index_access>>> {};

// unary minus
struct neg_op : one<'-'> {};
struct neg_rhs : seq<unary_expr> {};
struct neg_expr : commit<tok<neg_op>, neg_rhs> {};
struct unary_expr : sor<neg_expr, postfix> {};

// * /
struct prod_op : one<'*', '/'> {};
struct prod_rhs : seq<unary_expr> {};
struct prod_tail : commit<tok<prod_op>, prod_rhs> {};
struct prod_expr : seq<unary_expr, star<prod_tail>> {};

// + -
struct sum_op : one<'+', '-'> {};
struct sum_rhs : seq<prod_expr> {};
struct sum_tail : commit<tok<sum_op>, sum_rhs> {};
struct sum_expr : seq<prod_expr, star<sum_tail>> {};

// comparisons and ~
struct cmp_op
    : sor<string<'=', '='>, string<'!', '='>, string<'<', '='>, string<'>', '='>, one<'<'>, one<'>'>,
          string<'!', '~'>, one<'~'>> {};
struct cmp_rhs : seq<sum_expr> {};
struct cmp_tail : commit<tok<cmp_op>, cmp_rhs> {};
struct amp_amp : string<'&', '&'> {};
struct bar_bar : string<'|', '|'> {};
struct foreign_op
    : sor<seq<at<eq_sign>, raise<eq_sign>>, seq<at<amp_amp>, raise<amp_amp>>, seq<at<bar_bar>, raise<bar_bar>>> {};
struct cmp_expr : seq<sum_expr, opt<sor<cmp_tail, foreign_op>>> {};

// not, and, or, ??
struct not_rhs : seq<not_expr> {};
struct not_op : commit<tok<kw_not>, not_rhs> {};
struct not_expr : sor<not_op, cmp_expr> {};
struct and_rhs : seq<not_expr> {};
struct and_tail : commit<tok<kw_and>, and_rhs> {};
struct and_expr : seq<not_expr, star<and_tail>> {};
struct or_rhs : seq<and_expr> {};
struct or_tail : commit<tok<kw_or>, or_rhs> {};
struct or_expr : seq<and_expr, star<or_tail>> {};
struct coalesce_op : string<'?', '?'> {};
struct coalesce_rhs : seq<or_expr> {};
struct coalesce_tail : commit<tok<coalesce_op>, coalesce_rhs> {};
struct expr : seq<or_expr, star<coalesce_tail>> {};

// ---------------------------------------------------------------- declarations
struct decl_ident : ident {};   // fact / section / let / for names
struct decl_name : name {};     // rule set names, rule ids, extends / drop targets

// ruleset NAME "title" { extends A, B  drop X  applies when E  source "…" }
struct ruleset_kw : kw_ruleset {};
struct ruleset_name : tok<decl_name> {};
struct ruleset_title : tok<string_lit> {};
struct ruleset_open : tok<lbrace> {};
struct extends_name : tok<decl_name> {};
struct extends_next : tok<decl_name> {};
struct rs_extends : commit<tok<kw_extends>, extends_name, star<commit<comma, extends_next>>> {};
struct drop_name : tok<decl_name> {};
struct drop_next : tok<decl_name> {};
struct rs_drop : commit<tok<kw_drop>, drop_name, star<commit<comma, drop_next>>> {};
struct applies_always : tok<kw_always> {};
struct applies_expr : seq<expr> {};
struct applies_when : commit<tok<kw_when>, applies_expr> {};
struct applies_body : sor<applies_always, applies_when> {};
struct rs_applies : commit<tok<kw_applies>, applies_body> {};
struct source_string : tok<string_lit> {};
struct rs_source : commit<tok<kw_source>, source_string> {};
struct ruleset_clause : sor<rs_extends, rs_drop, rs_applies, rs_source> {};
struct unknown_ruleset_clause : ident_raw {};
struct ruleset_close : sor<tok<rbrace>, tok<unknown_ruleset_clause>> {};
struct ruleset_decl
    : commit<tok<ruleset_kw>, ruleset_name, ruleset_title, ruleset_open, star<ruleset_clause>, ruleset_close> {};

// fact NAME "label"? = EXPR
struct fact_kw : kw_fact {};
struct fact_name : tok<decl_ident> {};
struct fact_label : tok<string_lit> {};
struct fact_eq : tok<eq_sign> {};
struct fact_expr : seq<expr> {};
struct fact_decl : commit<tok<fact_kw>, fact_name, opt<fact_label>, fact_eq, fact_expr> {};

// section NAME { clauses }
struct section_kw : kw_section {};
struct section_name : tok<decl_ident> {};
struct section_open : tok<lbrace> {};
struct sec_number_value : tok<number_lit> {};
struct sec_number : commit<tok<kw_number>, sec_number_value> {};
struct sec_level_value : tok<number_lit> {};
struct sec_level : commit<tok<kw_level>, sec_level_value> {};
struct title_string : tok<string_lit> {};
struct variants_string : tok<string_lit> {};
struct discouraged_string : tok<string_lit> {};
struct next_string : tok<string_lit> {};
template <typename First>
struct string_list : seq<First, star<commit<comma, next_string>>> {};
struct sec_title : commit<tok<kw_title>, string_list<title_string>> {};
struct sec_variants : commit<tok<kw_variants>, string_list<variants_string>> {};
struct sec_discouraged : commit<tok<kw_discouraged>, string_list<discouraged_string>> {};
struct pattern_value : seq<expr> {};
struct sec_pattern : commit<tok<kw_pattern>, pattern_value, star<commit<comma, pattern_value>>> {};
struct sec_optional : tok<kw_optional> {};
struct section_clause
    : sor<sec_number, sec_level, sec_title, sec_variants, sec_discouraged, sec_pattern, sec_optional> {};
struct unknown_section_clause : ident_raw {};
struct section_close : sor<tok<rbrace>, tok<unknown_section_clause>> {};
struct section_decl : commit<tok<section_kw>, section_name, section_open, star<section_clause>, section_close> {};

// table NAME { clauses }  (docs/rule-language.md, "Tables")
// True when the next token is not the first one on its line (only blanks
// between the previous line break and here): a row's `columns` option is
// written on the row's line; a line starting with `columns` is the table's.
struct not_line_start {
    using rule_t = not_line_start;
    using subs_t = empty_list;
    template <apply_mode, rewind_mode, template <typename...> class Action, template <typename...> class Control,
              typename ParseInput, typename... States>
    static bool match(ParseInput& in, States&&...) {
        const char* p = in.current();
        const char* b = in.begin();
        while (p > b && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\r')) --p;
        return p > b && p[-1] != '\n';
    }
};
struct table_kw : kw_table {};
struct table_name : tok<decl_ident> {};
struct table_open : tok<lbrace> {};
struct tbl_in_kw : kw_in {};
struct tbl_in_name : tok<decl_ident> {};
struct tbl_in : commit<tok<tbl_in_kw>, tbl_in_name> {};
struct anchor_string : tok<string_lit> {};
struct tbl_anchor : commit<tok<kw_anchor>, string_list<anchor_string>> {};
struct column_ident : ident {};
struct column_label : tok<string_lit> {};
struct column_first : seq<tok<column_ident>, opt<column_label>> {};
struct column_next : seq<tok<column_ident>, opt<column_label>> {};
struct tbl_columns : commit<tok<kw_columns>, column_first, star<commit<comma, column_next>>> {};
struct group_ident : ident {};
struct colgroup_name : tok<group_ident> {};
struct rowgroup_name : tok<group_ident> {};
struct colgroup_eq : tok<eq_sign> {};
struct rowgroup_eq : tok<eq_sign> {};
struct member_ident : ident {};
struct range_end_ident : ident {};
struct range_op : string<'.', '.'> {};
struct range_end : tok<range_end_ident> {};
struct member_range : commit<tok<range_op>, range_end> {};
struct member_first : seq<tok<member_ident>, opt<member_range>> {};
struct member_next : seq<tok<member_ident>, opt<member_range>> {};
struct group_members : seq<member_first, star<commit<comma, member_next>>> {};
struct colgroup_kw : kw_colgroup {};
struct rowgroup_kw : kw_rowgroup {};
struct tbl_colgroup : commit<tok<colgroup_kw>, colgroup_name, colgroup_eq, group_members> {};
struct tbl_rowgroup : commit<tok<rowgroup_kw>, rowgroup_name, rowgroup_eq, group_members> {};
struct row_kw : kw_row {};
struct row_ident : ident {};
struct row_name : tok<row_ident> {};
struct row_label : tok<string_lit> {};
struct row_col_ident : ident {};
struct row_col_first : tok<row_col_ident> {};
struct row_col_next : tok<row_col_ident> {};
struct row_columns_kw : seq<not_line_start, kw_columns> {};
struct row_opt_columns : commit<tok<row_columns_kw>, row_col_first, star<commit<comma, row_col_next>>> {};
struct row_opt_optional : kw_optional {};
struct row_opt_unlabeled : kw_unlabeled {};
struct row_opt_integer : kw_integer {};
struct row_opt_decimal : kw_decimal {};
struct row_type_kw : seq<not_line_start, kw_type> {};
struct row_type_value : sor<tok<row_opt_integer>, tok<row_opt_decimal>> {};
struct row_opt_type : commit<tok<row_type_kw>, row_type_value> {};  // `type decimal` on the row's line
struct row_option
    : sor<row_opt_columns, row_opt_type, tok<row_opt_optional>, tok<row_opt_unlabeled>, tok<row_opt_integer>,
          tok<row_opt_decimal>> {};
struct tbl_row : commit<tok<row_kw>, row_name, opt<string_list<row_label>>, star<row_option>> {};
struct type_integer : kw_integer {};
struct type_decimal : kw_decimal {};
struct type_value : sor<tok<type_integer>, tok<type_decimal>> {};
struct type_kw : kw_type {};
struct tbl_type : commit<tok<type_kw>, type_value> {};
struct table_clause : sor<tbl_in, tbl_anchor, tbl_columns, tbl_colgroup, tbl_rowgroup, tbl_row, tbl_type> {};
struct unknown_table_clause : ident_raw {};
struct table_close : sor<tok<rbrace>, tok<unknown_table_clause>> {};
struct table_decl : commit<tok<table_kw>, table_name, table_open, star<table_clause>, table_close> {};

// rule ID SEVERITY "title" { clauses }
struct rule_kw : kw_rule {};
struct rule_id : tok<decl_name> {};
struct severity_word : name_raw {};
struct rule_severity : tok<severity_word> {};
struct rule_title : tok<string_lit> {};
struct rule_open : tok<lbrace> {};

struct rule_source : commit<tok<kw_source>, source_string> {};
struct message_string : tok<string_lit> {};
struct rule_message : commit<tok<kw_message>, message_string> {};
struct explain_string : tok<string_lit> {};
struct rule_explain : commit<tok<kw_explain>, explain_string> {};
struct good_string : tok<string_lit> {};
struct rule_good : commit<tok<kw_good>, good_string> {};
struct bad_string : tok<string_lit> {};
struct rule_bad : commit<tok<kw_bad>, bad_string> {};
struct for_var : tok<decl_ident> {};
struct for_in : tok<kw_in> {};
struct for_expr : seq<expr> {};
struct rule_for : commit<tok<kw_for>, for_var, for_in, for_expr> {};
struct when_expr : seq<expr> {};
struct rule_when : commit<tok<kw_when>, when_expr> {};
struct let_var : tok<decl_ident> {};
struct let_eq : tok<eq_sign> {};
struct let_expr : seq<expr> {};
struct rule_let : commit<tok<kw_let>, let_var, let_eq, let_expr> {};
struct require_kw : kw_require {};
struct require_expr : seq<expr> {};
struct rule_require : commit<tok<require_kw>, require_expr> {};
struct forbid_kw : kw_forbid {};
struct forbid_expr : seq<expr> {};
struct rule_forbid : commit<tok<forbid_kw>, forbid_expr> {};
struct report_kw : kw_report {};
struct report_expr : seq<expr> {};
struct rule_report : seq<tok<report_kw>, opt<report_expr>> {};
struct at_expr : seq<expr> {};
struct rule_at : commit<tok<kw_at>, at_expr> {};
struct rule_clause
    : sor<rule_source, rule_message, rule_explain, rule_good, rule_bad, rule_for, rule_when, rule_let,
          rule_require, rule_forbid, rule_report, rule_at> {};
struct unknown_rule_clause : ident_raw {};
struct rule_close : sor<tok<rbrace>, tok<unknown_rule_clause>> {};
struct rule_decl
    : commit<tok<rule_kw>, rule_id, rule_severity, rule_title, rule_open, star<rule_clause>, rule_close> {};

// file
struct misplaced_ruleset : seq<at<kw_ruleset>, raise<kw_ruleset>> {};
struct top_decl : sor<fact_decl, section_decl, table_decl, rule_decl, misplaced_ruleset> {};
struct unknown_decl : ident_raw {};
struct file_end : sor<eof, unknown_decl> {};
struct file : seq<ws, opt<ruleset_decl>, star<top_decl>, must<file_end>> {};  // the whole grammar, as one rule
// Error recovery parses a file one declaration at a time (parser.cpp):
// the first step may read the ruleset declaration, every step after it reads
// one declaration, or the end of the file.
struct file_start : seq<ws, opt<ruleset_decl>> {};
struct decl_end : eof {};
struct file_step : seq<ws, sor<decl_end, top_decl, must<file_end>>> {};

}  // namespace nianbao::rules::grammar
