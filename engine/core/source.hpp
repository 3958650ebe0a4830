// Source text: the decoded UTF-8 text of one input (a report or a rule file),
// its line index, and the map back to the original bytes.
//
// Every position inside nianbao is a byte offset into SourceText::text (the
// decoded UTF-8).  For UTF-8 input this *is* the offset into the original file
// (minus the BOM); for other encodings original_offset() maps it back.
// Lines and columns are what a user sees: 1-based line, 1-based column counted
// in Unicode code points.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao {

struct Span {
    std::uint32_t begin = 0;  // byte offset, inclusive
    std::uint32_t end = 0;    // byte offset, exclusive
    [[nodiscard]] bool empty() const { return end <= begin; }
    [[nodiscard]] std::uint32_t size() const { return end > begin ? end - begin : 0; }
    friend bool operator==(const Span&, const Span&) = default;
};

struct LineCol {
    std::uint32_t line = 0;    // 1-based
    std::uint32_t column = 0;  // 1-based, in code points
    friend bool operator==(const LineCol&, const LineCol&) = default;
};

class SourceText {
public:
    SourceText() = default;
    // Takes already-decoded UTF-8 text.  `orig_offsets`, if not empty, holds for
    // each code point start in `text` (in order) the byte offset of that
    // character in the original bytes, plus one final entry = original size.
    SourceText(std::string path, std::string text, std::string encoding = "UTF-8",
               std::uint32_t bom_size = 0, std::vector<std::uint32_t> orig_offsets = {});

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::string& text() const { return text_; }
    [[nodiscard]] const std::string& encoding() const { return encoding_; }

    [[nodiscard]] std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }
    // 1-based line and code-point column of a byte offset (clamped to the text).
    [[nodiscard]] LineCol locate(std::uint32_t offset) const;
    // Byte span of line `line` (1-based) without its line terminator.
    [[nodiscard]] Span line_span(std::uint32_t line) const;
    [[nodiscard]] std::string_view line_text(std::uint32_t line) const;
    // Byte offset in the original file (before decoding) of a text offset.
    [[nodiscard]] std::uint32_t original_offset(std::uint32_t offset) const;

private:
    std::string path_;
    std::string text_;
    std::string encoding_;
    std::uint32_t bom_size_ = 0;
    std::vector<std::uint32_t> orig_offsets_;  // see constructor
    std::vector<std::uint32_t> cp_starts_;     // code point starts, only when orig_offsets_ given
    std::vector<std::uint32_t> line_starts_;   // byte offsets of line starts
};

}  // namespace nianbao
