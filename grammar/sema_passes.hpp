// Private to the semantic passes (sema.cpp runs them; sema_N_*.cpp, one per
// pass, in the order they run; compile.hpp lists them).  Each pass appends
// its diagnostics to one vector; compile_rules sorts them by file and place
// at the end, so a pass reports in whatever order it finds things.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/textnorm.hpp"
#include "grammar/ast.hpp"
#include "grammar/compile.hpp"
#include "grammar/internal.hpp"

namespace nianbao::rules::detail::sema {

using Diags = std::vector<RuleDiagnostic>;

// ---- pass 2 (sema_2_rulesets.cpp): rule sets, extends, cycles
struct Linked {
    std::vector<Ruleset*> set_of_file;                  // per file; null: no rule set (or a broken / duplicate one)
    std::map<const Ruleset*, std::size_t> file_of_set;  // the file declaring each rule set
    std::set<const Ruleset*> poisoned;                  // some base is unknown or in a cycle: names cannot be checked
    std::vector<Ruleset*> topo;                         // bases before the sets deriving from them
};
// `broken[i]`: file i's ruleset declaration did not parse (or is missing
// after a syntax error); `broken_sets`: the names of such rule sets.
Linked link_rulesets(RuleLibrary& lib, const std::vector<bool>& broken, const std::set<std::string>& broken_sets,
                     Diags& diags);

// ---- pass 3 (sema_3_effective.cpp): duplicates in a file, effective declarations
void resolve_effective(RuleLibrary& lib, const Linked& ln, Diags& diags);

// ---- pass 4 (sema_4_patterns.cpp): literal normalisation, pattern compilation
void normalise_strings(RuleFile& f, CharNormalizer& norm);
void compile_patterns(RuleFile& f, CharNormalizer& norm, Diags& diags);

// ---- passes 5 and 6 (sema_5_names.cpp, sema_6_messages.cpp): names, placeholders

// Names visible in one declaration.
struct Scope {
    const std::map<std::string, const FactDecl*>* facts = nullptr;
    const std::set<std::string>* sections = nullptr;
    const std::map<std::string, const TableDecl*>* tables = nullptr;
    struct Local {
        std::string name;
        std::uint32_t visible_from;  // file offset after which it is visible
        std::uint32_t line;
        const Expr* value = nullptr;  // let: its value; for: the list iterated (element = record)
        bool element = false;         // for: the variable is an element of `value`
    };
    std::vector<Local> locals;
    std::vector<Local> later;  // lets declared after the current clause (R209)
};

// The names a rule set's declarations see: its effective facts, sections and tables.
struct RulesetScope {
    std::set<std::string> sections;
    std::map<std::string, const TableDecl*> tables;
    Scope scope;
    explicit RulesetScope(const Ruleset& rs);
    RulesetScope(const RulesetScope&) = delete;  // `scope` points into the members
    RulesetScope& operator=(const RulesetScope&) = delete;
};

enum class NameKind { none, local, fact, section, table, builtin_value };

// What is known statically of a value's members: the record of a match
// (first / last / an element of all with a pattern literal): `text` and the
// pattern's captures; a date capture: year, month, day.  Anything else is
// unknown and left to run time.
struct Shape {
    enum Kind { unknown, record, date } kind = unknown;
    const std::vector<Capture>* captures = nullptr;  // record
    [[nodiscard]] std::vector<std::string> members() const;
    [[nodiscard]] bool has(const std::string& m) const;
    [[nodiscard]] Shape member(const std::string& m) const;
};

std::string join(const std::vector<std::string>& v, std::string_view sep);

struct NameChecker {
    Diags& diags;
    std::set<const TableDecl*> opaque;  // stand-ins of tables with a syntax error: members unknown
    // Set while checking an inherited rule in a deriving rule set's scope: a
    // row, column or group the table lacks is recorded here, not reported.
    struct Missing {
        std::string kind, name, table;
    };
    std::vector<Missing>* missing = nullptr;

    void diag(Err e, std::vector<std::string> args, const Where& w) { diags.push_back(make_diag(e, std::move(args), w)); }

    static NameKind lookup(const Scope& sc, const std::string& name, std::uint32_t at);
    static std::vector<std::string> visible_names(const Scope& sc, std::uint32_t at);
    void unknown_ident(const Scope& sc, const std::string& name, std::uint32_t at, const Where& w, bool placeholder);
    void check_section_member(const std::string& section, const std::string& member, const Where& w);
    void check_table_member(const std::string& table, const std::string& member, const Where& w);
    static Shape shape_of_name(const Scope& sc, const std::string& name, std::uint32_t at, int depth);
    static Shape shape_of(const Expr& e, const Scope& sc, std::uint32_t at, int depth = 0);
    void resolve_table_name(Expr& a, const TableDecl& t, bool row_axis, bool groups_only, const Scope& sc,
                            std::uint32_t at);
    const TableDecl* table_arg(Expr& obj, const std::string& usage, const Scope& sc, std::uint32_t at);
    // Pass 5 on one expression.  `at` = the offset used for let visibility.
    void check_expr(Expr& e, const Scope& sc, std::uint32_t at);
    // Pass 5 for one rule's clauses, then pass 6 for its message.
    void check_rule(RuleDecl& r, const Scope& base);
    void check_table(const TableDecl& t, const Scope& sc);
    // Pass 6 (sema_6_messages.cpp): every placeholder of a message resolves.
    void check_message(const Message& m, const Scope& sc);
};

// Pass 5 (and 6) over every file whose rule set and bases are known; then
// every inherited rule again in the scope of each rule set that runs it: a
// table the set declares anew may lack a row, column or group the rule uses
// (R505, at that table's declaration).
void check_names(RuleLibrary& lib, const Linked& ln, const std::vector<bool>& broken, NameChecker& C);

// ---- pass 7 (sema_7_fact_cycles.cpp): facts defined in terms of themselves
void check_fact_cycles(const RuleLibrary& lib, const Linked& ln, const std::vector<bool>& broken, Diags& diags);

}  // namespace nianbao::rules::detail::sema
