// Findings -> output formats.
#pragma once
#include <string>
#include <vector>

#include "eval/finding.hpp"

namespace nianbao {

struct RunSummary {
    std::size_t reports = 0, unreadable = 0, errors = 0, warnings = 0, infos = 0, notes = 0;
};
RunSummary summarize(const std::vector<ReportResult>& results);

// Compiler style: "file:line:col: severity: message [RULE]", the source line,
// a caret placed by display width, and the rule's source.  One header line per
// report and a closing summary line.
std::string render_text(const std::vector<ReportResult>& results);

// One JSON document: {"tool", "reports": [...], "summary"}.
std::string render_json(const std::vector<ReportResult>& results);

}  // namespace nianbao
