// Loading rule files: parse (PEGTL) -> AST -> semantic passes -> RuleLibrary.
//
// Passes, in the order they run (each reports every error it finds, with its
// place; each has a file of its own):
//   1. parse each file into a RuleFile (parser.cpp, actions_*.cpp; one syntax
//      error per broken declaration: the parser resumes at the next line
//      starting with a declaration keyword; a broken declaration stays
//      declared by name).  The checks that need only one declaration's
//      clauses are made as it completes: required and repeated clauses, one
//      check per rule, a table's own names, groups and labels
//   2. collect rule sets; resolve `extends` (unknown names, cycles)
//      (sema_2_rulesets.cpp)
//   3. per rule set, the effective declarations (inherited + own, overridden
//      by name/id), `drop`; duplicate declarations inside one file
//      (sema_3_effective.cpp)
//   4. patterns: literal normalisation, macro expansion, ICU compilation
//      (sema_4_patterns.cpp, regex.cpp)
//   5. names: every identifier resolves (fact, section, table, let/for
//      variable, builtin), builtin arity, section and table members, members
//      of match records known statically, rows and columns of T[ROW, COLUMN],
//      rows(T, G), columns(T, G) (Expr::table_name), `in SECTION` of tables
//      (sema_5_names.cpp)
//   6. messages: placeholders resolve (sema_6_messages.cpp; run with pass 5,
//      rule by rule)
//   7. fact cycles (sema_7_fact_cycles.cpp)
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "grammar/ast.hpp"

namespace nianbao::rules {

struct RuleDiagnostic {
    Diagnostic diag;                          // path, pos, span, message, code (e.g. "R203")
    std::shared_ptr<const SourceText> file;   // for the excerpt; may be null
};
// "file:line:col: error: message [R203]\n  42 | ...\n     |  ^~~\n" for each.
std::string format_diagnostics(const std::vector<RuleDiagnostic>& diags);

// A rule set with its inheritance resolved.
struct Ruleset {
    const RulesetDecl* decl = nullptr;
    std::vector<const Ruleset*> bases;                 // direct bases
    std::vector<const Ruleset*> ancestors;             // all bases, transitively, nearest first
    std::map<std::string, const FactDecl*> facts;      // effective facts by name
    std::vector<const SectionDecl*> sections;          // effective sections, sorted by number
    std::vector<const TableDecl*> tables;              // effective tables, in declaration order
    std::vector<const RuleDecl*> rules;                // effective rules (drops removed), in declaration order, bases first
    [[nodiscard]] bool derives_from(const Ruleset* other) const;
};

struct RuleLibrary {
    std::vector<std::unique_ptr<RuleFile>> files;
    std::vector<std::unique_ptr<Ruleset>> rulesets;    // in load order
    [[nodiscard]] const Ruleset* find_ruleset(const std::string& name) const;
    // Every declaration of a rule id (a rule overridden in a derived set has several).
    [[nodiscard]] std::vector<const RuleDecl*> find_rule(const std::string& id) const;
    // Each rule id once (its most-derived declaration), sorted by id.
    [[nodiscard]] std::vector<const RuleDecl*> all_rules() const;
};

struct CompileResult {
    std::unique_ptr<RuleLibrary> library;     // null when there were errors
    std::vector<RuleDiagnostic> diagnostics;  // errors and warnings
    [[nodiscard]] bool ok() const { return library != nullptr; }
};

CompileResult compile_rules(const std::vector<std::shared_ptr<const SourceText>>& files);

// One rule-language expression (e.g. a fact override of a configuration file:
// `date(year + 1, 2, 20)`), compiled in the scope of rule set `rs` of a
// compiled library: its facts, sections, tables and the builtins are visible.
// Diagnostics point into a synthetic source named `origin` whose text is
// kExpressionPrefix followed by the expression.
struct CompiledExpression {
    std::unique_ptr<RuleFile> holder;     // owns the expression's AST
    const Expr* expr = nullptr;           // null when there were errors
    std::vector<RuleDiagnostic> diagnostics;
    [[nodiscard]] bool ok() const { return expr != nullptr; }
};
inline constexpr const char* kExpressionPrefix = "fact config_value = ";
CompiledExpression compile_expression(const Ruleset& rs, const std::string& text, const std::string& origin);

}  // namespace nianbao::rules
