// Tokens of a line outside model tables: the text layer of a PDF
// (`pdftotext -layout`, where columns are aligned by spaces), OCR, a table
// flattened into text.  The line is split on the source's whitespace runs;
// each piece keeps its code-point column in the line, so that a cell wrapped
// over lines can be read down its column (stream.hpp, column_streams).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "bind/labels.hpp"
#include "bind/tokens.hpp"
#include "core/utf8.hpp"

namespace nianbao::bind {

using label::code_points;
using label::is_digit;
using label::is_han;
using label::is_space;

// Splits a line on whitespace runs of the source.  A single space between
// a number and a following Han character is typographic spacing of text
// layers ("2023 年", "21 件"), not a column gap: the two stay one token.
void read_spaced_line(const Document& doc, const Line& l, Tokens& out) {
    std::string_view st = doc.source->text();
    std::string_view src = st.substr(l.src.begin, l.src.size());
    struct Piece {
        std::size_t b, e;
    };
    std::vector<Piece> pieces;
    std::size_t i = 0;
    std::size_t gap_begin = 0;
    while (i < src.size()) {
        std::size_t j = i;
        char32_t c = utf8::next(src, j);
        if (is_space(c)) {
            i = j;
            continue;
        }
        std::size_t b = i;
        std::size_t e = j;
        while (e < src.size()) {
            std::size_t k = e;
            char32_t d = utf8::next(src, k);
            if (is_space(d)) break;
            e = k;
        }
        bool join = false;
        if (!pieces.empty() && b - gap_begin == 1 && src[gap_begin] == ' ') {
            const Piece& p = pieces.back();
            std::size_t k = b;
            char32_t first = utf8::next(src, k);
            if (is_digit(static_cast<unsigned char>(src[p.e - 1])) && is_han(first)) join = true;
        }
        if (join) {
            pieces.back().e = e;
        } else {
            pieces.push_back({b, e});
        }
        gap_begin = e;
        i = e;
    }
    int id = out.new_row();
    std::size_t first = out.toks.size();
    std::string_view vt = doc.view.text();
    for (const Piece& p : pieces) {
        auto sb = static_cast<std::uint32_t>(l.src.begin + p.b);
        auto se = static_cast<std::uint32_t>(l.src.begin + p.e);
        std::uint32_t vb = std::clamp(doc.view.from_source(sb), l.view.begin, l.view.end);
        std::uint32_t ve = std::clamp(doc.view.from_source(se), vb, l.view.end);
        while (ve > vb && vt[ve - 1] == ' ') --ve;
        while (vb < ve && vt[vb] == ' ') ++vb;
        if (vb == ve) continue;  // debris dropped by the view
        Span v{vb, ve};
        if (!out.inside(v)) continue;
        std::string text(vt.substr(vb, ve - vb));
        if (out.attach_note(text)) continue;
        Tok tok;
        if (!Tokens::make(std::move(text), v, tok)) continue;
        tok.row = id;
        tok.line = l.number;
        tok.column = static_cast<int>(code_points(src.substr(0, p.b)));
        out.toks.push_back(std::move(tok));
    }
    if (out.toks.size() >= first + 2) out.toks.back().row_end = true;
}

}  // namespace nianbao::bind
