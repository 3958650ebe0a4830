// Compiler-style diagnostics (see diagnostic.hpp).
#include "core/diagnostic.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/utf8.hpp"

namespace nianbao {

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "info";
        case Severity::note: return "note";
    }
    return "error";
}

bool parse_severity(std::string_view s, Severity& out) {
    for (Severity v : {Severity::error, Severity::warning, Severity::info, Severity::note}) {
        if (s == to_string(v)) {
            out = v;
            return true;
        }
    }
    return false;
}

std::string render_header(const Diagnostic& d) {
    std::string out = d.path;
    if (d.pos.line > 0) {
        out += ':';
        out += std::to_string(d.pos.line);
        out += ':';
        out += std::to_string(std::max<std::uint32_t>(d.pos.column, 1));
    }
    out += ": ";
    out += to_string(d.severity);
    out += ": ";
    out += d.message;
    if (!d.code.empty()) {
        out += " [";
        out += d.code;
        out += ']';
    }
    return out;
}

namespace {

constexpr std::size_t kMaxColumns = 160;  // longer lines are shown as a window
constexpr std::size_t kContextBefore = 50;  // columns kept before the span in a window

// One displayed character of the excerpt line.
struct Cell {
    std::string text;   // what is printed (tabs expanded, controls replaced)
    std::size_t col;    // display column where it starts
    std::size_t width;  // display width
    std::uint32_t src;  // byte offset in the source text
};

}  // namespace

std::string render_excerpt(const SourceText& src, Span span) {
    const auto& text = src.text();
    const auto n = static_cast<std::uint32_t>(text.size());
    const std::uint32_t begin = std::min(span.begin, n);
    const std::uint32_t end = std::max(begin, std::min(span.end, n));
    const LineCol lc = src.locate(begin);
    const Span line = src.line_span(lc.line);
    const std::string_view line_text = std::string_view(text).substr(line.begin, line.size());

    // Lay the line out in display columns.
    std::vector<Cell> cells;
    std::size_t col = 0;
    for (std::size_t i = 0; i < line_text.size();) {
        const auto at = static_cast<std::uint32_t>(line.begin + i);
        const char32_t cp = utf8::next(line_text, i);
        Cell c{{}, col, 0, at};
        if (cp == '\t') {
            c.text = "    ";
            c.width = 4;
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            c.text = "?";
            c.width = 1;
        } else {
            c.text = utf8::encode(cp);
            c.width = static_cast<std::size_t>(utf8::width(cp));
        }
        col += c.width;
        cells.push_back(std::move(c));
    }
    const std::size_t total = col;

    // Caret columns [cs, ce) on this line.
    const std::uint32_t b = std::min(begin, line.end);
    const std::uint32_t e = std::min(end, line.end);
    std::size_t cs = total;
    std::size_t ce = total;
    for (const Cell& c : cells) {
        if (c.src >= b && cs == total) cs = c.col;
        if (c.src >= e) {
            ce = c.col;
            break;
        }
    }
    if (cs > ce) ce = cs;
    if (ce <= cs) ce = cs + 1;  // at least one caret column

    // Window on very long lines.
    std::size_t ws = 0;
    std::size_t we = total;
    if (total > kMaxColumns) {
        std::size_t want = cs > kContextBefore ? cs - kContextBefore : 0;
        if (want + kMaxColumns > total) want = total > kMaxColumns ? total - kMaxColumns : 0;
        want = std::min(want, cs);
        // Snap to character boundaries.
        ws = 0;
        for (const Cell& c : cells) {
            if (c.col >= want) {
                ws = c.col;
                break;
            }
        }
        if (ws > cs) ws = cs;
        we = ws;
        for (const Cell& c : cells) {
            if (c.col < ws) continue;
            if (c.col + c.width > ws + kMaxColumns) break;
            we = c.col + c.width;
        }
        if (we < ws) we = ws;
    }
    const bool cut_left = ws > 0;
    const bool cut_right = we < total;

    std::string shown;
    std::size_t lead = 0;  // display columns before ws in the printed line
    if (cut_left) {
        shown += "\u2026";
        lead = static_cast<std::size_t>(utf8::width(0x2026));
    }
    for (const Cell& c : cells)
        if (c.col >= ws && c.col + c.width <= we) shown += c.text;
    if (cut_right) shown += "\u2026";

    // Caret line, clipped to the window.
    const std::size_t caret_from = std::max(cs, ws);
    std::size_t caret_to = ce;
    if (cut_right && caret_to > we) caret_to = we;
    if (caret_to <= caret_from) caret_to = caret_from + 1;

    const std::string number = std::to_string(lc.line);
    std::string out;
    out += "  ";
    out += number;
    out += " | ";
    out += shown;
    out += '\n';
    out += "  ";
    out.append(number.size(), ' ');
    out += " | ";
    out.append(lead + (caret_from - ws), ' ');
    out += '^';
    out.append(caret_to - caret_from - 1, '~');
    out += '\n';
    return out;
}

}  // namespace nianbao
