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
#include <optional>
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

// An input that could not be read: which file, and why.  Made by read/, carried
// in a report's result (eval/finding.hpp) and printed by the CLI.
struct InputError {
    std::string path;
    std::string reason;  // one line, no trailing period, e.g. "not valid UTF-8 or GB18030 (first bad byte at offset 1234)"
};

struct LineCol {
    std::uint32_t line = 0;    // 1-based
    std::uint32_t column = 0;  // 1-based, in code points
    friend bool operator==(const LineCol&, const LineCol&) = default;
};

// Where a character of the text came from in the original file, for inputs
// that nianbao renders to text first (HTML, DOCX, PDF; see docs/input-formats.md).
//   html: line/column = 1-based line and code-point column in the HTML source;
//   docx: line = paragraph number (第N段) or, in a table, row number; column =
//         character in that paragraph or cell; where = "第3段" / "表2 第5行 第3列";
//   pdf:  page = 1-based page; line = line on that page; column = column in the
//         rendered line; where = "第3页".
struct Origin {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::uint32_t page = 0;  // 0 = not paged
    std::string where;       // "" = none
    friend bool operator==(const Origin&, const Origin&) = default;
};

// One entry of an origin map: the text from `offset` up to the next anchor
// comes from consecutive characters starting at (line, column) on `page`, so
// the column advances by one per code point after the anchor.
struct OriginAnchor {
    std::uint32_t offset = 0;  // byte offset in SourceText::text
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::uint32_t page = 0;
    std::uint32_t where = 0;   // index into the `wheres` table + 1; 0 = none
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

    // What the text was made from: "text" (the file is the text), "html",
    // "docx" or "pdf" (the text is a rendering of the file).
    [[nodiscard]] const std::string& kind() const { return kind_; }
    // Attaches an origin map to a rendering.  `anchors` sorted by offset.
    void set_origins(std::string kind, std::vector<OriginAnchor> anchors, std::vector<std::string> wheres);
    // Where the character at `offset` came from; nullopt for plain text input
    // or text before the first anchor.
    [[nodiscard]] std::optional<Origin> origin(std::uint32_t offset) const;

private:
    std::string path_;
    std::string text_;
    std::string encoding_;
    std::uint32_t bom_size_ = 0;
    std::vector<std::uint32_t> orig_offsets_;  // see constructor
    std::vector<std::uint32_t> cp_starts_;     // code point starts, only when orig_offsets_ given
    std::vector<std::uint32_t> line_starts_;   // byte offsets of line starts
    std::string kind_ = "text";
    std::vector<OriginAnchor> anchors_;        // see OriginAnchor
    std::vector<std::string> wheres_;
};

}  // namespace nianbao
