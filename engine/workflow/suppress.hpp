// Suppressions (an external TOML file: the agency's report cannot be edited)
// and baselines (findings already known, matched without line numbers).
// See docs/configuration.md.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/source.hpp"
#include "eval/finding.hpp"

namespace nianbao {

struct Suppression {
    std::string rule;                     // rule id
    std::string report;                   // path or glob, relative to the suppressions file's directory
    std::optional<std::uint32_t> line;    // place = N: the finding's line
    std::string text;                     // place = "…": the finding's place (place_matches) or text its line contains
    std::string justification;
    std::string expires;                  // YYYY-MM-DD or ""
    std::uint32_t at = 0;                 // line of the entry's [[suppress]] header
};

struct SuppressionFile {
    std::string path;
    std::filesystem::path dir;
    std::shared_ptr<const SourceText> source;
    std::vector<Suppression> entries;
};

// Reads a suppressions file: [[suppress]] tables with rule, report,
// justification (required), place, expires.  Errors: "FILE:LINE:COL: error: …".
std::optional<SuppressionFile> load_suppressions(const std::string& path, std::vector<std::string>& errors);

// True for a YYYY-MM-DD date.
bool valid_date(const std::string& s);
// Today's date (local time) as YYYY-MM-DD.
std::string system_today();

// Marks the findings matched by an entry that has not expired (expires <
// today) as suppressed.  Returns the suppressions file's own findings
// (SUPPRESSION-EXPIRED, SUPPRESSION-UNUSED; warnings at the entry's line) as
// a ReportResult with tool = true, or nullopt when there are none.
std::optional<ReportResult> apply_suppressions(const SuppressionFile& sf, std::vector<ReportResult>& results,
                                               const std::string& today);

// Removes the suppressed findings of each report (counted in
// ReportResult::hidden_suppressed), for outputs that do not show them.
void hide_suppressed(std::vector<ReportResult>& results);

// ---- baselines

// The key a baseline matches on: rule, report path (relative to the working
// directory), message and values; no line numbers.
std::string baseline_key(const std::string& report, const Finding& f);

// {"tool", "version": 1, "findings": [{rule, report, place, values, message, count}]}
// for every finding that is not suppressed (tool results are left out).
std::string render_baseline(const std::vector<ReportResult>& results);

struct Baseline {
    std::map<std::string, std::size_t> counts;  // baseline_key -> how many
    std::size_t total = 0;
};
std::optional<Baseline> load_baseline(const std::string& path, std::vector<std::string>& errors);
// Removes from each report the findings the baseline has (count-aware, in
// order), counting them in ReportResult::baselined.
void apply_baseline(const Baseline& b, std::vector<ReportResult>& results);

}  // namespace nianbao
