// Pieces of `nianbao letters` shared by its files (internal to render/): an
// agency's group of reports, and one letter's page.
#pragma once
#include <string>
#include <vector>

#include "render/html_parts.hpp"

namespace nianbao::letter {

// The reports of one letter: an agency's, or one report without an agency.
struct Group {
    std::string agency;                        // "" = a report without an agency (or unreadable)
    std::vector<const ReportResult*> reports;  // in input order
    std::string file;                          // the letter's file name
};

// Whether a finding goes to the letter's "not assessable" section.
inline bool not_assessable(const Finding& f) { return f.not_assessable || f.severity == Severity::note; }
// A report's findings by severity (html::sev_index; not-assessable ones as note).
html::Counts counts(const ReportResult& r);

// The letter's whole page (letter_page.cpp).
std::string letter_page(const Group& g, const rules::RuleLibrary& library);
// The inline stylesheet of letters and of the index (letter_page.cpp).
const char* letter_style();
// "<!DOCTYPE html>…<body class=…>": the head of a letter or of the index (letter_page.cpp).
std::string page_head(const std::string& title, const char* body_class);

}  // namespace nianbao::letter
