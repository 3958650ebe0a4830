// Pieces of the HTML report shared by its files (internal to render/):
// severity styles, per-severity counts, the page's CSS and script, and the two
// parts of one report's section (its tables, its text).
#pragma once
#include <array>
#include <cstddef>
#include <string>

#include "render/render.hpp"

namespace nianbao::html {

constexpr std::array<Severity, 4> kSeverities = {Severity::error, Severity::warning, Severity::info, Severity::note};

// Per severity (in enum order): CSS class, label, chart colour.
struct SevStyle {
    const char* css;
    const char* label;
    const char* color;
};
constexpr std::array<SevStyle, 4> kSevStyle = {{
    {"sev-error", "错误 error", "#c62828"},
    {"sev-warning", "警告 warning", "#d97706"},
    {"sev-info", "提示 info", "#1d6fb8"},
    {"sev-note", "无法判断 not assessable", "#6b7280"},
}};
inline const SevStyle& sev_style(Severity s) { return kSevStyle[static_cast<std::size_t>(s)]; }
inline const char* sev_class(Severity s) { return sev_style(s).css; }
inline const char* sev_label(Severity s) { return sev_style(s).label; }
inline const char* sev_color(Severity s) { return sev_style(s).color; }
inline std::size_t sev_index(Severity s) { return static_cast<std::size_t>(s); }

using Counts = std::array<std::size_t, 4>;
inline std::size_t total(const Counts& c) { return c[0] + c[1] + c[2] + c[3]; }

// One <td> per severity, in order (html.cpp).
std::string count_cells(const Counts& c);
// The rule's explanation (its `explain`), "" when there is none (html.cpp).
std::string rule_explanation(const rules::RuleLibrary* library, const std::string& id);
// The finding's 依据 line (none for a not-assessable finding: nothing was judged) (html.cpp).
std::string basis_html(const Finding& f);

// The page's inline stylesheet and script (html_style.cpp).
const char* page_style();
const char* page_script();

// Report number `rn`'s tables as bound, with the cells findings are at marked (html_tables.cpp).
std::string report_tables(const ReportResult& r, std::size_t rn, const rules::RuleLibrary* library);
// Report number `rn`'s text, line by line, with each finding under its line (html_text.cpp).
std::string report_text(const ReportResult& r, std::size_t rn, const rules::RuleLibrary* library);

}  // namespace nianbao::html
