// The document model: what a report is made of, independent of any report
// format.  Built from a SourceText and its MatchView.
//
//   lines -> tables (cell-per-line, markdown-pipe and tab-separated layouts)
//         -> numbered headings (一、 / （一） / 1. / （1） / 第一部分 ...)
//         -> section tree (by heading level)
//         -> dates
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.hpp"
#include "read/normalize.hpp"

namespace nianbao {

struct Date {
    int year = 0;
    int month = 0;  // 0 = unknown
    int day = 0;    // 0 = unknown
    friend bool operator==(const Date&, const Date&) = default;
};
// Parses a date written as 2024年1月18日, 2024-01-18, 2024/1/18, 2024.1.18,
// 二〇一八年三月二十八日, 二〇一八年三月 (day unknown) -- in the normalised view
// (ASCII digits, no whitespace).  Whole string must be a date.
std::optional<Date> parse_date(std::string_view normalized);
// ICU regex (no capture groups) matching every form parse_date accepts.
const std::string& date_regex();
std::string format_date(const Date& d);  // "2024年1月18日", "2018年3月" when day unknown

struct Line {
    std::uint32_t number = 0;  // 1-based
    Span src;                  // in SourceText::text, without terminator
    Span view;                 // in MatchView::text, without '\n'
    bool blank = false;        // nothing but whitespace (in the source)
    int table = -1;            // index into Document::tables if part of a table
};

enum class NumStyle {
    part,          // 第一部分 / 第一章
    cjk_dun,       // 一、  一.  一．
    paren_cjk,     // （一） (一)
    arabic_dot,    // 1.  1、  1．
    paren_arabic,  // （1） (1)
};
std::string_view to_string(NumStyle s);

struct Heading {
    std::uint32_t line = 0;   // 1-based line number
    NumStyle style = NumStyle::cjk_dun;
    int number = 0;           // numeric value of the marker (一 = 1, 十二 = 12)
    int level = 0;            // 0 = part, 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）
    Span marker;              // view span of the marker, e.g. "(一)"
    Span text;                // view span of the text after the marker, trimmed
    Span title;               // view span of the title part of text: up to the first 。：: or end
    int parent = -1;          // index of the enclosing heading, -1 = top level
    // The marker continues the numbering of its preceding sibling list while
    // written in other numerals, as in （一） （2） （3） （四）: it was placed in
    // that sibling list (level and parent of its siblings).
    bool mixed_numerals = false;
    // Found inside a line (a whole report on one line): `text` runs to the next
    // such heading, where its title ends is not written; its body begins after
    // the marker and ends at the marker of the next heading of its level.
    bool in_line = false;
};

struct Cell {
    Span src;                 // source span of the cell text (may cover several lines)
    Span view;                // view span
    std::string text;         // normalised text of the cell, wrapped lines joined without separator
    std::uint32_t line = 0;   // 1-based line of the first character
    int row = 0, col = 0;     // position in the grid
    int rowspan = 1, colspan = 1;
    bool empty = false;       // blank in the source (merged-cell placeholder or blank value)
    // A slot of a spanned cell, not a cell of its own: an empty slot the
    // reader placed where the cell before it in its row, or the cell above
    // it, is placed (a rendering whose origin map tells them apart: HTML).
    bool covered = false;
};

enum class TableLayout {
    cell_per_line,  // one "\t"-led line per cell, a blank line after each row (the readers' real tables)
    markdown,       // | a | b |
    tab_separated,  // a<TAB>b<TAB>c, one row per line (a table copied out of Excel, WPS, Word)
};
std::string_view to_string(TableLayout l);

struct Table {
    TableLayout layout = TableLayout::cell_per_line;
    std::uint32_t first_line = 0, last_line = 0;  // 1-based, inclusive
    std::vector<std::vector<Cell>> rows;          // rows as written (ragged allowed)
};

struct DateMention {
    Span view;
    Date date;
};

// Kinds of numbering defects found among sibling headings.
struct NumberingIssue {
    std::string kind;      // "numerals" (（2） among （一）…), "gap" (（一）→（三）), "duplicate", "start" (list starts at （二）)
    int heading = -1;      // index into Document::headings
    std::string found;     // the marker as written, normalised: "(2)"
    std::string expected;  // the marker the sequence calls for, in the siblings' style: "(二)"
};

struct Document {
    const SourceText* source = nullptr;  // not owned
    MatchView view;
    std::vector<Line> lines;
    std::vector<Table> tables;
    std::vector<Heading> headings;       // in document order
    std::vector<DateMention> dates;      // in document order
    std::vector<NumberingIssue> numbering_issues;

    // Span of the body of heading h: from the end of its line to the start of
    // the next heading whose level is <= its level (or the end).  View offsets.
    [[nodiscard]] Span body(int heading) const;
    // Heading line + body.
    [[nodiscard]] Span extent(int heading) const;
    [[nodiscard]] std::string_view view_text(Span s) const;
    [[nodiscard]] Span to_source(Span view_span) const { return view.to_source(view_span); }
};

// A line that is nothing but a page number, as printed in page footers and
// kept by text layers: "— 4 —", "- 4 -", "-4-", "第 4 页", "第4页共12页",
// "4/12", "4 / 12".  `view_line` is the matching-view text of the line.
bool is_page_number_line(std::string_view view_line);

// Builds the model.  `src` must outlive the Document.
Document build_document(const SourceText& src, CharNormalizer& norm);

}  // namespace nianbao
