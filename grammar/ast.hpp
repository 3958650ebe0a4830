// AST of nianbao rule files.  Every node keeps its place in the rule file
// (Where) so that semantic errors point at the right line and column, and the
// evaluator can cite rule-file positions too.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace icu_72 { class RegexPattern; }
namespace icu = icu_72;

namespace nianbao::rules {

struct Where {
    std::shared_ptr<const SourceText> file;  // the rule file
    Span span;                               // bytes in file->text()
    [[nodiscard]] LineCol pos() const { return file ? file->locate(span.begin) : LineCol{}; }
    [[nodiscard]] std::string path() const { return file ? file->path() : std::string{}; }
};

// A compiled pattern.  `source` is the pattern as written; `expanded` the ICU
// pattern after macro expansion ({year}, {date:d} ...) and normalisation of its
// literal characters; `captures` lists named groups and their types.
enum class CaptureType { text, integer, number, year, date };
struct Capture {
    std::string name;
    CaptureType type = CaptureType::text;
};
struct Regex {
    std::string source;
    std::string expanded;
    std::vector<Capture> captures;
    std::shared_ptr<const icu::RegexPattern> pattern;  // compiled, immutable, shareable across threads
};

enum class ExprKind {
    number,   // text = literal as written, number = value
    string,   // text = value (normalised)
    regex,    // regex
    boolean,  // boolean
    ident,    // text = name
    member,   // args[0] = object, text = member name
    index,    // args[0] = object, args[1] = index; TABLE[ROW, COLUMN]: args[1] = row, args[2] = column
    call,     // text = function name, args = arguments
    list,     // args = elements
    unary,    // text = "-" | "not", args[0]
    binary,   // text = "+ - * / == != < <= > >= ~ !~ and or ??", args[0], args[1]
    case_,    // args = when1, then1, when2, then2, ..., else
};

// Limits of the parser (docs/rule-language.md, "Limits"): expressions nested
// more deeply (parentheses, calls, lists, `not`, `-`) are error R127; longer
// chains of operations (a + b + … or x.a.b…, one level per operation) R128.
inline constexpr int kMaxExprNesting = 200;
inline constexpr int kMaxExprHeight = 200;

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct Expr {
    ExprKind kind = ExprKind::number;
    Where where;
    std::string text;
    double number = 0;
    bool boolean = false;
    std::shared_ptr<const Regex> regex;
    std::vector<ExprPtr> args;
    // Operations between this node and its deepest leaf (0 for a leaf).  The
    // parser keeps it at most kMaxExprHeight, so that every pass over the tree
    // (the compiler's, the evaluator's, the destructor) recurses boundedly.
    int height = 0;
    // Set by the compiler on identifiers inside `TABLE[ROW, COLUMN]` that name a
    // row, row group, column or column group of that table (text = the name):
    enum class TableName { none, row, row_group, column, column_group };
    TableName table_name = TableName::none;
};

struct StringLit {
    std::string value;   // as written (unescaped)
    std::string normal;  // normalised for matching (CharNormalizer::normalize)
    Where where;
};

// "text {placeholder.path} text"; "{{" and "}}" are literal braces.
struct MessagePiece {
    bool placeholder = false;
    std::string text;               // literal text, or the placeholder as written
    std::vector<std::string> path;  // placeholder: identifier then member names
    Where where;
};
struct Message {
    std::string raw;
    std::vector<MessagePiece> pieces;
    Where where;
};

struct FactDecl {
    std::string name;
    std::optional<StringLit> label;  // human name used in "not assessable" messages
    ExprPtr value;
    Where where;
    Where name_where;                // the name token (added: diagnostics point here)
};

struct SectionDecl {
    std::string name;
    Where where;
    Where name_where;                // the name token (added)
    int number = 0;                  // position in the format: 1 = 一
    int level = 1;                   // heading level it is expected at
    bool required = true;
    std::vector<StringLit> titles;   // titles[0] is the canonical title
    std::vector<StringLit> variants;     // accepted variants
    std::vector<StringLit> discouraged;  // recognised, but not the format's wording
    std::vector<ExprPtr> patterns;       // regex expressions recognising the heading
};

enum class CheckKind { require, forbid, report };

struct LetClause {
    std::string name;
    ExprPtr value;
    Where where;
    Where name_where;                     // the name token (added)
};

struct RuleDecl {
    std::string id;
    Severity severity = Severity::error;
    StringLit title;
    Where where;
    std::optional<StringLit> source;
    std::optional<StringLit> explain;
    std::vector<StringLit> good, bad;     // examples for `nianbao explain`
    std::optional<std::string> loop_var;  // for VAR in EXPR
    ExprPtr loop;
    std::vector<ExprPtr> when;            // all must hold for the rule to apply
    std::vector<LetClause> lets;
    CheckKind check_kind = CheckKind::require;
    ExprPtr check;                        // null for `report`
    ExprPtr at;                           // where the finding points, optional
    std::optional<Message> message;
    std::string ruleset;                  // name of the ruleset that declares it
    // added:
    Where name_where;                     // the rule id token
    Where loop_var_where;                 // the `for` variable token
    Where check_where;                    // the require / forbid / report keyword
};

struct RulesetDecl {
    std::string name;
    StringLit title;
    Where where;
    std::vector<std::pair<std::string, Where>> extends;
    ExprPtr applies;                      // null = always
    std::optional<StringLit> source;
    std::vector<std::pair<std::string, Where>> drops;  // rule ids inherited but not run
    Where name_where;                     // the name token (added)
};

// ---- tables (see docs/rule-language.md, "Tables") --------------------------

enum class ValueType { integer, decimal };

struct ColumnDecl {
    std::string name;
    std::optional<StringLit> label;  // as printed in the report's header; default: the name
    Where where;
};

// A named group of columns or rows: `group NAME = A, B, C` or `group NAME = A .. D`
// (a range in declaration order), expanded to its members in order.
struct GroupDecl {
    std::string name;
    std::vector<std::pair<std::string, Where>> members;
    Where where;
};

struct RowDecl {
    std::string name;
    std::vector<StringLit> labels;          // labels[0] canonical, others accepted variants; empty when unlabeled
    std::vector<std::pair<std::string, Where>> columns;  // the row's own columns (default: all the table's)
    std::optional<ValueType> type;          // default: the table's
    bool optional = false;                  // may be absent (a missing required row is a layout defect)
    bool unlabeled = false;                 // `row NAME unlabeled`: its values are the first run of values in the table
    Where where;
};

struct TableDecl {
    std::string name;
    Where where;
    Where name_where;
    std::optional<std::pair<std::string, Where>> section;  // `in SECTION`: the region searched
    std::vector<StringLit> anchors;         // `anchor "…"`: text that starts the table's region (after it)
    std::vector<ColumnDecl> columns;
    std::vector<GroupDecl> column_groups;
    std::vector<RowDecl> rows;
    std::vector<GroupDecl> row_groups;
    ValueType type = ValueType::integer;
};

struct RuleFile {
    std::shared_ptr<const SourceText> file;
    std::optional<RulesetDecl> ruleset;
    std::vector<FactDecl> facts;
    std::vector<SectionDecl> sections;
    std::vector<TableDecl> tables;
    std::vector<RuleDecl> rules;
};

}  // namespace nianbao::rules
