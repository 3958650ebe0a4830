// Findings -> output formats.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "eval/checker.hpp"
#include "eval/finding.hpp"
#include "grammar/compile.hpp"

namespace nianbao {

struct RunSummary {
    std::size_t reports = 0, unreadable = 0, errors = 0, warnings = 0, infos = 0, notes = 0;
    std::size_t suppressed = 0;  // findings suppressed (not counted by severity), shown or not
    std::size_t baselined = 0;   // findings left out because the baseline has them
    std::size_t skipped = 0;     // files not checked (ReportResult::skipped): neither reports nor errors
};
RunSummary summarize(const std::vector<ReportResult>& results);

// Compiler style: "file:line:col: severity: message [RULE]", the source line,
// a caret placed by display width, and the rule's source.  One header line per
// report and a closing summary line.
// `color`: ANSI colours for the severities and the caret (the CLI decides:
// a terminal, NO_COLOR unset, or --color always).
std::string render_text(const std::vector<ReportResult>& results, bool color = false);
// One finding as render_text prints it: the header line, the excerpt with its
// caret, the 依据 line (and the suppression, if any).
std::string render_text_finding(const ReportResult& r, const Finding& f, bool color = false);
// Where a finding is, as the text output names it after the file: "LINE:COL"
// in the text, or the place in the original file for rendered inputs
// ("pPAGE:LINE:COL" for PDF, "第N段:COL" / "表T 第R行 第C列:COL" for DOCX and ODT,
// the HTML source's "LINE:COL").
std::string finding_place(const ReportResult& r, const Finding& f);
// The same for a place in another report (a finding's related location).
std::string related_place(const RelatedLocation& rl);
// The same place in the agency's words: "第4页第19行第21列" (PDF), "第3段第2字" /
// "表2 第5行 第3列 第2字" (DOCX, ODT), "源码第40行第7列" (HTML), "第403行第1列" (text).
std::string finding_place_zh(const ReportResult& r, const Finding& f);
// Whether `place` names the finding's place in either form above, whole or
// cut after a part: "p4:19:21", "p4:19" and "p4" (PDF), "表3 第4行 第5列" (DOCX),
// "第4页第19行" (finding_place_zh).  For suppression entries and rule tests.
bool place_matches(const ReportResult& r, const Finding& f, std::string_view place);

// One JSON document: {"tool", "reports": [...], "summary"}.
std::string render_json(const std::vector<ReportResult>& results);

// SARIF 2.1.0 (one run; docs/output-formats.md).  `library` gives the rules'
// metadata for tool.driver.rules: every rule it holds, sorted by id, so that
// results' ruleIndex points into it.  No timestamps, no absolute paths unless
// the report paths given were absolute: the output depends only on its input.
// `options` (the configuration's, when there is one) sets each rule's
// defaultConfiguration: a severity override becomes its level, a disabled rule
// is `enabled: false`.
std::string render_sarif(const std::vector<ReportResult>& results, const rules::RuleLibrary& library,
                         const CheckOptions* options = nullptr);

// CSV for spreadsheets: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting, a
// header row, then one row per finding (file, agency, year, rule, severity,
// page, place, line, column, message, values, source: page and place in the
// original file as finding_place gives it, line and column in the text
// layer), one "error" row per unreadable report and one "skipped" row per
// file not checked.  Text cells that would start with = + - @ get a leading
// apostrophe so spreadsheet programs do not evaluate them as formulas.
// `zh`: Chinese header, severities and places (finding_place_zh).
std::string render_csv(const std::vector<ReportResult>& results, bool zh = false);
// RFC 4180 quoting of one cell (quoted only when it has to be).
std::string csv_cell(std::string_view s);
// csv_cell for text: a leading = + - @ gets an apostrophe so spreadsheets do not run it as a formula.
std::string csv_text_cell(std::string_view s);

// One self-contained HTML page (inline CSS, JS and SVG; no network): a summary
// (counts, findings by rule and severity with an SVG bar chart, by agency, the
// reports) and each report's text with every finding under its line.
// Anchors: report N (1-based, in order) is #rN, its line L #rN-LL, its finding
// K #rN-fK.  `library` (optional) adds each rule's explanation to its findings'
// tooltips.  ?view=compact in the page's URL shows only the lines near findings.
std::string render_html(const std::vector<ReportResult>& results, const rules::RuleLibrary* library = nullptr);
// HTML escaping of text and attribute values (& < > " ').
std::string html_escape(std::string_view s);

// JUnit XML for CI servers (Jenkins, GitLab; docs/output-formats.md, "JUnit"):
// <testsuites> with one <testsuite> per report, named by its path.  In it one
// <testcase> per rule that ran on the report and found nothing (passed), one
// per finding otherwise: error, warning and info findings are <failure> (type
// = the severity), not-assessable and suppressed findings <skipped>.  An
// unreadable report is a suite with one testcase holding an <error>.  Rules
// that ran: those of the report's rule sets (`library`), minus the ones
// `options` disables.  Testcase names are unique in a suite ("RULE title @ PLACE",
// " (2)" for a second finding there).  No timestamps or times: the output
// depends only on its input.
std::string render_junit(const std::vector<ReportResult>& results, const rules::RuleLibrary& library,
                         const CheckOptions* options = nullptr);
// XML 1.0 escaping: & < > " as entities; in attributes also tab, CR and LF as
// character references (they would be normalised to spaces), in text CR (it
// would become LF); characters XML 1.0 cannot hold at all (C0 controls other
// than tab/LF/CR, U+FFFE, U+FFFF) and bytes that are not UTF-8 become U+FFFD.
std::string xml_escape(std::string_view s, bool attribute);

// A fingerprint of a finding that does not change when lines move: a hash of
// the rule id, the file, the message and the values.  `occurrence` (0-based)
// tells apart identical findings in one file, in order.
std::string finding_fingerprint(const std::string& file, const Finding& f, std::size_t occurrence);

}  // namespace nianbao

namespace nianbao {
// Table cells as bound to each report (`nianbao extract`): CSV (UTF-8 BOM,
// CRLF, one cell per row) or JSON.
std::string render_extract_csv(const std::vector<ReportResult>& results);
std::string render_extract_json(const std::vector<ReportResult>& results);
}  // namespace nianbao

namespace nianbao {
// `nianbao summarize`: per year and table, the sums over the reports (汇总),
// in the table's declared layout; cells that are not numbers are counted apart.
std::string render_summary(const std::vector<ReportResult>& results);
}  // namespace nianbao

namespace nianbao {
// `nianbao letters` (docs/cli.md, "letters"): one self-contained, printable
// (A4) HTML 整改通知 per agency and an index.html.  Reports are grouped by
// their `agency` fact (as evaluated: its matching form); a report without one,
// or one that could not be read, gets a letter of its own named after its
// file.  Letters come in a fixed order (agencies by name, then the reports
// without an agency by path), index.html last.  `library` gives each finding's
// rule explanation and `good` examples.  Tool results (a suppressions file's
// own findings) are not in letters; suppressed and baselined findings are
// expected to be removed already (hide_suppressed, the baseline) and are
// counted in the index.
struct LetterFile {
    std::string name;                  // file name in the output directory
    std::string agency;                // "" for index.html and for a report without an agency
    std::vector<std::string> reports;  // the report paths in the letter
    std::string html;
};
std::vector<LetterFile> render_letters(const std::vector<ReportResult>& results, const rules::RuleLibrary& library);
// A file name (without extension) that is safe on Linux, macOS and Windows:
// control characters and / \ : * ? " < > | become "_", a leading dot and
// trailing dots and spaces are replaced or dropped, Windows device names
// (CON, NUL, COM1, …) get a leading "_", at most 80 characters and 200 bytes;
// never empty.
std::string safe_file_stem(std::string_view name);
}  // namespace nianbao
