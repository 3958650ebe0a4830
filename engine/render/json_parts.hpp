// Pieces of JSON shared by the JSON, SARIF and extract renderers (internal to render/).
#pragma once
#include <nlohmann/json.hpp>

#include "eval/finding.hpp"

namespace nianbao {

// A report's tables as bound: [{table, title?, ruleset, found, reason?, rows: [{row, label, found, ..., cells}]}].
nlohmann::ordered_json tables_json(const ReportResult& r);

// What was read about a report, added to `j`: format, rulesets, year, agency (null when unknown), facts.
void add_report_facts(nlohmann::ordered_json& j, const ReportResult& r);

}  // namespace nianbao
