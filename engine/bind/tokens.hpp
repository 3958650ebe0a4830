// The tokens a table region is read as (see tables.cpp): in reading order,
// each a piece of label text, a value (number, dash, blank, text) or a unit
// cell ("件"), with its place and the row it sits in.  However a table is
// written, its tokens look the same, so that matching the declared row labels
// and taking the values that follow them (rows.hpp) knows no layout.
//
// One reader per way a table can be written:
//   read_table        tokens_table.cpp   the Cells of a model table (every
//                                        model::TableLayout: cell-per-line,
//                                        markdown, tab-separated)
//   read_spaced_line  tokens_spaced.cpp  a line outside model tables: text
//                                        layers of PDFs (columns aligned by
//                                        spaces), OCR, flattened tables
// tokenize (tokens.cpp) walks the region's lines and hands each to its reader.
// Internal to engine/bind.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "bind/values.hpp"
#include "model/document.hpp"

namespace nianbao::bind {

enum class TokKind { label, value, unit };

struct Tok {
    TokKind kind = TokKind::label;
    Parsed val;          // kind == value (state number / blank / dash / text)
    std::string text;    // view text
    std::string key;     // key_of(text), labels only
    Span view;
    int row = 0;         // tokens with the same row id sit in one row (model table row, or one line)
    bool row_end = false;  // last token of a model table row or of a line holding several tokens
    int column = -1;       // lines outside model tables: code-point column of the token in its source line
    std::uint32_t line = 0;
};

// The tokens read so far, and what every reader does with a piece of text.
struct Tokens {
    explicit Tokens(Span r) : region(r) {}
    Span region;           // view span read; pieces outside it are dropped
    std::vector<Tok> toks;
    int next_row = 0;

    [[nodiscard]] bool inside(Span v) const { return v.begin >= region.begin && v.end <= region.end; }
    int new_row() { return next_row++; }
    // Classifies text into a token; false when it is to be dropped (label
    // text without a key: nothing but spaces, quotes, emphasis).
    static bool make(std::string text, Span view, Tok& t);
    // A note written apart from its number ("22" then "(其中修订16件)"):
    // attached to the number before it; false when `text` is not one.
    bool attach_note(const std::string& text);
};

void read_table(const Table& t, Tokens& out);
void read_spaced_line(const Document& doc, const Line& l, Tokens& out);

// The tokens of the view span `region` of the document.
std::vector<Tok> tokenize(const Document& doc, Span region);

}  // namespace nianbao::bind
