// What a check produces: findings, each pointing at a place in the report.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace nianbao {

// A finding hidden by an entry of a suppressions file (docs/configuration.md).
struct FindingSuppression {
    std::string justification;
    std::string file;          // the suppressions file
    std::uint32_t line = 0;    // of the entry
};

// A table cell a finding is about: the cell it is placed at (`at`), or one the
// rule read while checking (an operand of the identity).  Names are the rule
// set's table, row and column names, as in ExtractedTable.
struct FindingCell {
    std::string table, row, column;  // column "" is the row's label
    bool at = false;           // the finding is placed at this cell
    LineCol pos;               // 0:0 when the cell has no text (blank or unbound)
};

// A place in another report that a finding is also about (the previous
// year's cell it was compared with, the passage another report shares).
struct RelatedLocation {
    std::string path;
    LineCol pos;                   // in that report's text
    std::optional<Origin> origin;  // in that report's original file (HTML/DOCX/PDF), else none
    std::string message;           // what is there: "洪泽区人民政府2023年报告：“四、结转下年度继续办理”“总计”"
};

struct Finding {
    std::string rule;          // rule id, e.g. "T3-02"
    std::string title;         // rule title
    Severity severity = Severity::error;
    bool not_assessable = false;  // the rule could not be evaluated (severity is then note)
    std::string message;
    std::string source;        // the basis the rule enforces
    std::string ruleset;       // the rule set that declares the rule
    Span span;                 // in SourceText::text
    LineCol pos;               // start, 1-based line and code-point column
    LineCol end;               // end (exclusive)
    std::optional<Origin> origin;  // where `pos` is in the original file (HTML/DOCX/PDF inputs), else none
    std::vector<std::pair<std::string, std::string>> values;  // placeholders and their rendered values
    std::vector<FindingCell> cells;  // table cells the rule read for this finding (the `at` cell first)
    std::vector<RelatedLocation> related;  // places in other reports the finding names
    std::optional<FindingSuppression> suppressed;  // set when a suppression entry matches
};

// A table as bound to the report, for extraction and display.
struct ExtractedCell {
    std::string column;        // column name
    std::string column_label;
    std::string state;         // number | blank | dash | text | unbound
    std::string value;         // as written (empty when blank/unbound)
    double number = 0;         // when state == "number"
    std::string note, unit;
    LineCol pos;               // 0:0 when unbound
};
struct ExtractedRow {
    std::string name, label;
    bool found = false;
    std::string match, problem;
    LineCol pos;               // of the label as found
    std::vector<ExtractedCell> cells;
};
struct ExtractedTable {
    std::string name;
    std::string title;         // the title of the section the table is in (`in SECTION`), else ""
    std::string ruleset;
    bool found = false;
    std::string reason;
    std::vector<ExtractedRow> rows;
};

// A rule whose pattern stopped at the match time or backtracking limit on this
// report (the rule is "not assessable" here): said to the rule's author once
// per run, at the rule's line, with the reports it happened on.
struct PatternLimit {
    std::string rule;     // id
    std::string pattern;  // as written
    std::string file;     // the rule file
    LineCol pos;          // of the rule
};

struct ReportResult {
    std::string path;
    std::optional<InputError> error;            // the report could not be read
    // Not checked at all: a file met while walking a directory that nianbao
    // does not read, e.g. "unsupported type (.ofd)".  Listed in every output;
    // not an error (docs/cli.md, "Input files").
    std::optional<std::string> skipped;
    std::shared_ptr<const SourceText> source;   // for excerpts
    std::vector<std::string> formats;           // rule sets that ran (most specific)
    std::vector<std::string> rulesets;          // every rule set whose rules ran (with bases)
    std::vector<std::pair<std::string, std::string>> facts;  // evaluated facts, rendered
    std::vector<Finding> findings;              // sorted by place, then rule id
    std::vector<ExtractedTable> tables;         // the rule sets' tables as bound to this report
    std::vector<PatternLimit> pattern_limits;   // rules whose patterns gave up on this report
    // Not a report: a file of nianbao's own (a suppressions file) whose
    // findings are about it (SUPPRESSION-EXPIRED, SUPPRESSION-UNUSED).
    bool tool = false;
    // The batch holds another file of the same report (same agency and year, e.g.
    // its PDF and its web page): that file's path.  Rules that compare reports
    // run on that one only; summarize counts the report once.
    std::string copy_of;
    std::size_t hidden_suppressed = 0;  // suppressed findings removed from `findings` (not shown)
    std::size_t baselined = 0;          // findings removed because the baseline has them

    [[nodiscard]] std::size_t count(Severity s) const;
    [[nodiscard]] std::string fact(const std::string& name) const;  // "" if absent
};

}  // namespace nianbao
