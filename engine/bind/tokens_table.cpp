// Tokens of a model table (any model::TableLayout -- cell-per-line,
// markdown, tab-separated -- which all come as rows of Cells as written):
// one token per written cell, in row order, each row its own row id.
//
//   - a slot of a spanned cell (Cell::covered) is no cell of its own: dropped;
//   - an empty cell is a blank value -- except before the row's first
//     written cell, where it is a merged-cell placeholder and dropped;
//   - short text (up to 4 characters, no numbering marker) after the row's
//     first value is a text value ("是", "不适用"), not label text;
//   - the last token of a row ends it (row_end): a row's values never run
//     into the next row.
#include <string>
#include <utility>

#include "bind/labels.hpp"
#include "bind/tokens.hpp"

namespace nianbao::bind {

using label::code_points;
using label::marker_at;

void read_table(const Table& t, Tokens& out) {
    for (const auto& row : t.rows) {
        int id = out.new_row();
        bool seen_text = false, seen_value = false;
        std::size_t first = out.toks.size();
        for (const auto& c : row) {
            if (!out.inside(c.view) || c.covered) continue;  // a slot of a spanned cell is not a value
            if (c.empty || c.text.find_first_not_of(' ') == std::string::npos) {
                if (!seen_text) continue;  // merged-cell placeholder before the row's label
                Tok b;
                b.kind = TokKind::value;
                b.val.state = CellState::blank;
                b.view = {c.view.begin, c.view.begin};
                b.row = id;
                out.toks.push_back(std::move(b));
                seen_value = true;
                continue;
            }
            if (is_page_number_line(c.text)) continue;
            if (out.attach_note(c.text)) continue;
            Tok tok;
            if (!Tokens::make(c.text, c.view, tok)) continue;
            // Short text written where the row's values are: a text value.
            if (tok.kind == TokKind::label && seen_value && code_points(tok.key) <= 4 &&
                marker_at(tok.key, 0).first == 0) {
                tok.kind = TokKind::value;
                tok.val.state = CellState::text;
                tok.key.clear();
            }
            tok.row = id;
            seen_text = true;
            if (tok.kind == TokKind::value) seen_value = true;
            out.toks.push_back(std::move(tok));
        }
        if (out.toks.size() > first) out.toks.back().row_end = true;
    }
}


}  // namespace nianbao::bind
