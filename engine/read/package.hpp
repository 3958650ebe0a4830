// Internal to read/: ZIP packages of XML parts (DOCX, ODT) read with the
// guards of FormatLimits, and the XML helpers their readers share.
#pragma once
#include <pugixml.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "read/reader.hpp"
#include "read/rendering.hpp"

struct zip;

namespace nianbao::rendering {

// A ZIP package in memory.  Every failure throws Abort with a one-line reason
// that names the format (`label`, e.g. ".docx"): not a readable ZIP, more
// entries than FormatLimits::max_entries, an entry larger uncompressed than
// max_unpacked_bytes or compressed more than max_ratio:1 (declared and as
// actually read), an entry that cannot be decompressed.
class ZipPackage {
public:
    ZipPackage(std::string_view bytes, std::string label, const FormatLimits& lim);
    ~ZipPackage();
    ZipPackage(const ZipPackage&) = delete;
    ZipPackage& operator=(const ZipPackage&) = delete;

    [[nodiscard]] bool has(const char* name) const;
    // The entry's bytes (the entry must exist: see has()).
    [[nodiscard]] std::string read(const char* name) const;

private:
    struct zip* z_ = nullptr;
    std::string label_;
    const FormatLimits& lim_;
};

// The encoding named by an XML declaration, lower-cased; empty if none.
std::string declared_encoding(std::string_view xml);

// Names without their namespace prefix: "w:p" -> "p", "table:table-cell" -> "table-cell".
std::string_view local(const pugi::xml_node& n);
pugi::xml_node child_local(const pugi::xml_node& n, std::string_view name);
std::string_view attr_local(const pugi::xml_node& n, std::string_view name);
// An integer attribute clamped to [1, cap]; `fallback` when absent.
int int_attr(const pugi::xml_node& n, std::string_view name, int fallback, int cap);

// True when `s` holds nothing but whitespace.
bool blank(std::string_view s);

// The layout word-processor documents (DOCX, ODT) are rendered in
// (docs/input-formats.md).  A paragraph: its text as a line ('\n' in `text`
// starts another line of the same paragraph), origin "第N段" (N = `para`),
// line N, column the character's in the paragraph.
void emit_paragraph(Builder& b, std::string_view text, std::uint32_t para, const FormatLimits& lim);

// One slot of a table's grid: a cell's text, or a slot covered by a merge
// (origin false: nothing is written there).
struct GridSlot {
    std::string text;
    bool origin = false;
};
// A table in the cell-per-line layout: every row padded to `width` slots, one
// "\t"-led line per slot, a blank line after each row; a cell's text has the
// origin "表T 第R行 第C列" (T = `table`).
void emit_table(Builder& b, std::vector<std::vector<GridSlot>>& grid, std::size_t width, std::uint32_t table,
                const FormatLimits& lim);

}  // namespace nianbao::rendering
