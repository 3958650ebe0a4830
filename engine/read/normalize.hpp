// The matching view of a report: the text rules match against, with a map
// back to the source text.
//
//  * NFKC per character (full-width digits, letters, brackets and spaces
//    become ASCII) and traditional -> simplified Chinese (CharNormalizer);
//  * pinyin glosses after Han characters dropped: "區(qū)" -> "区";
//  * extractor debris dropped: "[bookmark: _GoBack]", HTML tags such as
//    "</span>", "<span lang=...>";
//  * whitespace next to a CJK character dropped ("报  告" -> "报告",
//    "2017 年" -> "2017年"), other whitespace runs collapsed to one space,
//    leading and trailing whitespace of each line dropped;
//  * every line break of the source ("\n", "\r\n", "\r") becomes exactly one
//    "\n", so line N of the view is line N of the source.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/source.hpp"
#include "core/textnorm.hpp"

namespace nianbao {

class MatchView {
public:
    MatchView() = default;
    MatchView(std::string text, std::vector<std::uint32_t> src_begin, std::vector<std::uint32_t> src_end);

    [[nodiscard]] const std::string& text() const { return text_; }
    // Maps a span of the view to the smallest source span that produced it.
    // An empty view span maps to an empty source span at the corresponding place.
    [[nodiscard]] Span to_source(Span view_span) const;
    // Maps a source offset to the first view offset at or after it.
    [[nodiscard]] std::uint32_t from_source(std::uint32_t src_offset) const;
    // Byte offsets in the view where each line starts (line 1 at index 0).
    [[nodiscard]] const std::vector<std::uint32_t>& line_starts() const { return line_starts_; }
    [[nodiscard]] Span line_span(std::uint32_t line) const;  // 1-based, without '\n'

private:
    std::string text_;
    // For each byte i of text_: the source span [src_begin_[i], src_end_[i]) of
    // the source character that produced it.  Both have size text_.size() + 1;
    // the last entry is the source position just after the end.
    std::vector<std::uint32_t> src_begin_;
    std::vector<std::uint32_t> src_end_;
    std::vector<std::uint32_t> line_starts_;
};

MatchView build_view(const SourceText& src, CharNormalizer& norm);

}  // namespace nianbao
