// Tokens of a table region: see tokens.hpp.
#include "bind/tokens.hpp"

#include <set>
#include <utility>

#include "bind/labels.hpp"

namespace nianbao::bind {

bool Tokens::make(std::string text, Span view, Tok& t) {
    t.text = std::move(text);
    t.view = view;
    if (auto p = parse_value(t.text)) {
        t.kind = TokKind::value;
        t.val = *p;
        return true;
    }
    if (is_unit_text(t.text)) {
        t.kind = TokKind::unit;
        return true;
    }
    t.kind = TokKind::label;
    t.key = label::key_of(t.text);
    return !t.key.empty();
}

bool Tokens::attach_note(const std::string& text) {
    if (toks.empty() || !is_note_text(text)) return false;
    Tok& prev = toks.back();
    if (prev.kind != TokKind::value || prev.val.state != CellState::number || !prev.val.note.empty()) return false;
    prev.val.note = text.substr(1, text.size() - 2);
    return true;
}

// Lines in reading order: a model table's Cells when its first line is
// reached, other lines one by one; blank lines and page numbers are skipped.
std::vector<Tok> tokenize(const Document& doc, Span region) {
    Tokens out(region);
    std::set<int> tables_done;
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
        const Line& l = doc.lines[i];
        if (l.view.end < region.begin || (l.view.end == region.begin && !l.view.empty())) continue;
        if (l.view.begin >= region.end && !(l.view.empty() && l.view.begin < region.end)) break;
        if (l.table >= 0) {
            if (tables_done.insert(l.table).second) read_table(doc.tables[l.table], out);
            continue;
        }
        if (l.blank) continue;
        if (is_page_number_line(doc.view_text(l.view))) continue;
        read_spaced_line(doc, l, out);
    }
    return std::move(out.toks);
}

}  // namespace nianbao::bind
