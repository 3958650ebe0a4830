// Compiler-style diagnostics: "file:line:col: severity: message [code]",
// followed by the source line and a caret placed by display width.
#pragma once
#include <string>
#include <string_view>

#include "source.hpp"

namespace nianbao {

enum class Severity { error, warning, info, note };
std::string_view to_string(Severity s);
bool parse_severity(std::string_view s, Severity& out);

struct Diagnostic {
    Severity severity = Severity::error;
    std::string path;
    LineCol pos;
    Span span;          // in the SourceText the diagnostic refers to
    std::string message;
    std::string code;   // rule id or error code, may be empty
};

// "  12 | 原文\n     |   ^~~~\n": the source line holding span.begin, and a
// caret under the span (at least one column), placed by display width.
// Tabs in the shown line are expanded to 4 columns consistently.
std::string render_excerpt(const SourceText& src, Span span);
// The header line "path:line:col: severity: message [code]".
std::string render_header(const Diagnostic& d);

}  // namespace nianbao
