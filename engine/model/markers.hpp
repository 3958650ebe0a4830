// Numbered-heading markers (第一部分 一、 （一） 1. （1）): recognising one at
// the start of a line and writing the marker a sequence calls for.  Internal
// to engine/model (headings.cpp, numbering.cpp, the cell-per-line layout).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/document.hpp"

namespace nianbao::model {

struct MarkerMatch {
    NumStyle style = NumStyle::cjk_dun;
    int number = 0;
    std::uint32_t marker_begin = 0, marker_end = 0;  // byte offsets in the line
    std::uint32_t text_begin = 0, text_end = 0;      // byte offsets in the line
};

// Level of a style's headings: 0 = part, 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）.
int default_level(NumStyle s);
// Level of the style whose lists this style may continue (（2） among （一）…), -1 = none.
int counterpart_level(NumStyle s);
// Offset where the heading proper starts: skips markdown '#' heading marks,
// '**' bold marks and spaces.
std::size_t skip_line_decoration(std::string_view line);
// Matches a numbered-heading marker at `start` of `line` (view text of one
// line, decorations already skipped), followed by a heading text.
std::optional<MarkerMatch> match_marker(std::string_view line, std::size_t start);
// The marker of number `n` in `style`, written like `tmpl` (一、 or 一., 1. or 1、, 部分 or 章).
std::string format_marker(NumStyle style, int n, std::string_view tmpl);

}  // namespace nianbao::model
