// Binding declared tables to the report: see tables.hpp for the contract.
//
// The table's region is read as a stream of tokens in reading order: the
// cells of model tables (cell-per-line, markdown), and the whitespace-separated
// pieces of other lines (space-aligned PDF text layers, OCR).  Each token is
// label text, a value (number, dash, blank, text) or a unit cell ("件").  Row
// labels are searched in the concatenation of all label tokens (in a key form
// where width, spaces, quotes and line breaks do not matter), so labels
// wrapped over lines, split across cells or printed one character per line are
// found; the row's values are the value tokens that follow its label.
//
// What is never done (the text cannot say it): binding values that are not
// where the row's values must be -- a label followed by fewer or more values
// than the row has columns, values preceded by the labels of several rows
// with nothing to tell which row they belong to (conversions that move labels
// out of their rows), numbers inside prose, page numbers.
#include "bind/tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "bind/labels.hpp"
#include "core/utf8.hpp"

namespace nianbao {

std::string_view to_string(CellState s) {
    switch (s) {
        case CellState::number: return "number";
        case CellState::blank: return "blank";
        case CellState::dash: return "dash";
        case CellState::text: return "text";
        case CellState::unbound: return "unbound";
    }
    return "unbound";
}

namespace {

// ---------------------------------------------------------------------------
// Characters and keys
// ---------------------------------------------------------------------------
bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
}
using label::decode32;
using label::encode32;
using label::is_cjk_numeral;
using label::is_digit;
using label::is_space;
using label::key_of;
using label::pattern_of;

// A numbering marker at byte `pos` of a key: "1." (level 3), "(一)" (2),
// "一、" (1), "(1)" (4).  Returns {bytes, level}, {0, 0} when none.
std::pair<std::size_t, int> marker_at(std::string_view k, std::size_t pos) {
    std::size_t i = pos;
    if (i >= k.size()) return {0, 0};
    auto peek = [&](std::size_t at) -> std::pair<char32_t, std::size_t> {
        if (at >= k.size()) return {0, at};
        std::size_t j = at;
        char32_t c = utf8::next(k, j);
        return {c, j};
    };
    auto [c0, j0] = peek(i);
    if (is_digit(c0)) {
        std::size_t j = i, nd = 0;
        while (j < k.size() && is_digit(static_cast<unsigned char>(k[j]))) ++j, ++nd;
        if (nd > 2 || j >= k.size() || k[j] != '.') return {0, 0};
        if (j + 1 < k.size() && is_digit(static_cast<unsigned char>(k[j + 1]))) return {0, 0};  // 7730.28
        if (pos > 0 && is_digit(static_cast<unsigned char>(k[pos - 1]))) return {0, 0};
        return {j + 1 - pos, 3};
    }
    if (c0 == U'(') {
        std::size_t j = j0;
        auto [c1, j1] = peek(j);
        if (is_digit(c1)) {
            std::size_t nd = 0;
            while (j < k.size() && is_digit(static_cast<unsigned char>(k[j]))) ++j, ++nd;
            if (nd > 2 || j >= k.size() || k[j] != ')') return {0, 0};
            return {j + 1 - pos, 4};
        }
        std::size_t n = 0;
        for (;;) {
            auto [c, nj] = peek(j);
            if (!is_cjk_numeral(c)) break;
            j = nj;
            ++n;
        }
        if (n == 0 || n > 3) return {0, 0};
        auto [cc, jc] = peek(j);
        if (cc != U')') return {0, 0};
        // 第(一)项 is a reference, not a marker
        if (pos >= 3 && k.compare(pos - 3, 3, "第") == 0) return {0, 0};
        return {jc - pos, 2};
    }
    if (is_cjk_numeral(c0)) {
        std::size_t j = i, n = 0;
        for (;;) {
            auto [c, nj] = peek(j);
            if (!is_cjk_numeral(c)) break;
            j = nj;
            ++n;
        }
        auto [cc, jc] = peek(j);
        if (n > 3 || cc != U'、') return {0, 0};
        return {jc - pos, 1};
    }
    return {0, 0};
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------
const std::string_view kUnits[] = {"万元", "人次", "元", "件", "条", "个", "次", "人", "篇", "期", "份"};

struct Parsed {
    CellState state = CellState::text;
    double number = 0;
    std::string unit, note;
};

bool is_dash_text(std::string_view t) {
    static const std::string_view kDash[] = {"-", "--", "—", "——", "–", "―", "/", "／", "无", "－", "\u2212"};
    return std::find(std::begin(kDash), std::end(kDash), t) != std::end(kDash);
}

// "0", "96171.6", "1,234", "-3", "96171.6万元", "22(其中修订16件)".
std::optional<Parsed> parse_value(std::string_view t) {
    if (t.empty()) return std::nullopt;
    if (is_dash_text(t)) {
        Parsed p;
        p.state = CellState::dash;
        return p;
    }
    std::size_t i = 0;
    std::string num;
    if (t[i] == '-') num += t[i++];
    if (i >= t.size() || !is_digit(static_cast<unsigned char>(t[i]))) return std::nullopt;
    while (i < t.size() && (is_digit(static_cast<unsigned char>(t[i])) || t[i] == ',')) {
        if (t[i] != ',') num += t[i];
        ++i;
    }
    if (t[i - 1] == ',') return std::nullopt;
    if (i + 1 < t.size() && t[i] == '.' && is_digit(static_cast<unsigned char>(t[i + 1]))) {
        num += t[i++];
        while (i < t.size() && is_digit(static_cast<unsigned char>(t[i]))) num += t[i++];
    }
    Parsed p;
    p.state = CellState::number;
    p.number = std::strtod(num.c_str(), nullptr);
    std::string_view rest = t.substr(i);
    for (auto u : kUnits) {
        if (rest.starts_with(u)) {
            p.unit = std::string(u);
            rest.remove_prefix(u.size());
            break;
        }
    }
    if (!rest.empty()) {
        std::string_view open = rest.starts_with("(") ? "(" : rest.starts_with("（") ? "（" : "";
        std::string_view close = rest.ends_with(")") ? ")" : rest.ends_with("）") ? "）" : "";
        if (open.empty() || close.empty() || rest.size() < open.size() + close.size()) return std::nullopt;
        p.note = std::string(rest.substr(open.size(), rest.size() - open.size() - close.size()));
    }
    return p;
}

// A cell that is nothing but a unit: "件", "万元", "个/人/万元".
bool is_unit_text(std::string_view t) {
    if (t.empty()) return false;
    std::size_t i = 0;
    while (i < t.size()) {
        bool hit = false;
        for (auto u : kUnits) {
            if (t.substr(i).starts_with(u)) {
                i += u.size();
                hit = true;
                break;
            }
        }
        if (!hit) return false;
        if (i < t.size()) {
            if (t[i] != '/') return false;
            ++i;
            if (i == t.size()) return false;
        }
    }
    return true;
}

// "(其中修订16件)": a note written apart from its number.
bool is_note_text(std::string_view t) {
    if (!(t.starts_with("(") && t.ends_with(")")) || t.size() < 3) return false;
    std::u32string u = decode32(t.substr(1, t.size() - 2));
    bool digit = false, han = false;
    for (char32_t c : u) {
        digit = digit || is_digit(c);
        han = han || is_han(c);
        if (c == U'(' || c == U')') return false;
    }
    return digit && han;
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------
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

class Tokenizer {
public:
    Tokenizer(const Document& doc, Span region) : doc_(doc), region_(region) {}

    std::vector<Tok> run() {
        std::set<int> tables_done;
        for (std::size_t i = 0; i < doc_.lines.size(); ++i) {
            const Line& l = doc_.lines[i];
            if (l.view.end < region_.begin || (l.view.end == region_.begin && !l.view.empty())) continue;
            if (l.view.begin >= region_.end && !(l.view.empty() && l.view.begin < region_.end)) break;
            if (l.table >= 0) {
                if (tables_done.insert(l.table).second) emit_table(doc_.tables[l.table]);
                continue;
            }
            if (l.blank) continue;
            if (is_page_number_line(doc_.view_text(l.view))) continue;
            emit_line(l);
        }
        return std::move(toks_);
    }

private:
    const Document& doc_;
    Span region_;
    std::vector<Tok> toks_;
    int next_row_ = 0;

    bool inside(Span v) const { return v.begin >= region_.begin && v.end <= region_.end; }

    // Classifies text into a token; returns false when it is to be dropped.
    bool make(std::string text, Span view, Tok& t) const {
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
        t.key = key_of(t.text);
        return !t.key.empty();
    }

    // A note written apart from its number ("22" then "(其中修订16件)").
    bool attach_note(const std::string& text) {
        if (toks_.empty() || !is_note_text(text)) return false;
        Tok& prev = toks_.back();
        if (prev.kind != TokKind::value || prev.val.state != CellState::number || !prev.val.note.empty()) return false;
        prev.val.note = text.substr(1, text.size() - 2);
        return true;
    }

    void emit_table(const Table& t) {
        for (const auto& row : t.rows) {
            int id = next_row_++;
            bool seen_text = false, seen_value = false;
            std::size_t first = toks_.size();
            for (const auto& c : row) {
                if (!inside(c.view)) continue;
                if (c.empty || c.text.find_first_not_of(' ') == std::string::npos) {
                    if (!seen_text) continue;  // merged-cell placeholder before the row's label
                    Tok b;
                    b.kind = TokKind::value;
                    b.val.state = CellState::blank;
                    b.view = {c.view.begin, c.view.begin};
                    b.row = id;
                    toks_.push_back(std::move(b));
                    seen_value = true;
                    continue;
                }
                if (is_page_number_line(c.text)) continue;
                if (attach_note(c.text)) continue;
                Tok tok;
                if (!make(c.text, c.view, tok)) continue;
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
                toks_.push_back(std::move(tok));
            }
            if (toks_.size() > first) toks_.back().row_end = true;
        }
    }

    // Splits a line on whitespace runs of the source.  A single space between
    // a number and a following Han character is typographic spacing of text
    // layers ("2023 年", "21 件"), not a column gap: the two stay one token.
    void emit_line(const Line& l) {
        std::string_view st = doc_.source->text();
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
        int id = next_row_++;
        std::size_t first = toks_.size();
        std::string_view vt = doc_.view.text();
        for (const Piece& p : pieces) {
            auto sb = static_cast<std::uint32_t>(l.src.begin + p.b);
            auto se = static_cast<std::uint32_t>(l.src.begin + p.e);
            std::uint32_t vb = std::clamp(doc_.view.from_source(sb), l.view.begin, l.view.end);
            std::uint32_t ve = std::clamp(doc_.view.from_source(se), vb, l.view.end);
            while (ve > vb && vt[ve - 1] == ' ') --ve;
            while (vb < ve && vt[vb] == ' ') ++vb;
            if (vb == ve) continue;  // debris dropped by the view
            Span v{vb, ve};
            if (!inside(v)) continue;
            std::string text(vt.substr(vb, ve - vb));
            if (attach_note(text)) continue;
            Tok tok;
            if (!make(std::move(text), v, tok)) continue;
            tok.row = id;
            tok.line = l.number;
            tok.column = static_cast<int>(code_points(src.substr(0, p.b)));
            toks_.push_back(std::move(tok));
        }
        if (toks_.size() >= first + 2) toks_.back().row_end = true;
    }
};

// ---------------------------------------------------------------------------
// Label stream
// ---------------------------------------------------------------------------
struct Stream {
    std::string text;               // concatenated keys of label tokens
    std::vector<std::size_t> start;  // byte offset of each label token's key
    std::vector<int> tok;            // index into the tokens of each label token

    // Index (into start/tok) of the label token holding byte `pos`.
    std::size_t at(std::size_t pos) const {
        auto it = std::upper_bound(start.begin(), start.end(), pos);
        return static_cast<std::size_t>(it - start.begin()) - 1;
    }
    bool is_start(std::size_t pos) const { return std::binary_search(start.begin(), start.end(), pos); }
    std::size_t end_of(std::size_t li) const { return li + 1 < start.size() ? start[li + 1] : text.size(); }
};

Stream build_stream(const std::vector<Tok>& toks) {
    Stream s;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (toks[i].kind != TokKind::label) continue;
        s.start.push_back(s.text.size());
        s.tok.push_back(static_cast<int>(i));
        s.text += toks[i].key;
    }
    return s;
}

// Column streams of space-aligned text (pdftotext -layout): the label tokens
// that start at the same column, in reading order -- a cell wrapped over
// several lines, read down its column, past the labels of other columns
// printed between its lines ("2、申请人逾期未按收费通知要 / 他处理 / 求缴纳费用…",
// where "他处理" belongs to the vertical "（六）其他处理" on the left).  Tokens
// more than 3 lines apart are not joined.
std::vector<Stream> column_streams(const std::vector<Tok>& toks) {
    std::map<int, std::vector<int>> cols;
    for (std::size_t i = 0; i < toks.size(); ++i)
        if (toks[i].kind == TokKind::label && toks[i].column >= 0) cols[toks[i].column].push_back(static_cast<int>(i));
    std::vector<Stream> out;
    for (auto& [col, idx] : cols) {
        Stream s;
        std::uint32_t prev_line = 0;
        for (int i : idx) {
            if (prev_line && toks[i].line > prev_line + 3) {
                if (s.tok.size() >= 2) out.push_back(std::move(s));
                s = Stream{};
            }
            prev_line = toks[i].line;
            s.start.push_back(s.text.size());
            s.tok.push_back(i);
            s.text += toks[i].key;
        }
        if (s.tok.size() >= 2) out.push_back(std::move(s));
    }
    return out;
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------
enum class MatchKind { label = 0, variant = 1, unnumbered = 2, fuzzy = 3 };
std::string_view match_name(MatchKind k) {
    switch (k) {
        case MatchKind::label: return "label";
        case MatchKind::variant: return "variant";
        case MatchKind::unnumbered: return "unnumbered";
        case MatchKind::fuzzy: return "fuzzy";
    }
    return "label";
}

struct Pattern {
    std::string key;
    MatchKind kind = MatchKind::label;
};

std::vector<Pattern> patterns_of(const rules::RowDecl& r) {
    std::vector<Pattern> out;
    for (std::size_t i = 0; i < r.labels.size(); ++i) {
        std::string k = pattern_of(r.labels[i].normal.empty() ? r.labels[i].value : r.labels[i].normal);
        if (k.empty()) continue;
        out.push_back({k, i == 0 ? MatchKind::label : MatchKind::variant});
    }
    std::size_t n = out.size();
    for (std::size_t i = 0; i < n; ++i) {
        auto [len, level] = marker_at(out[i].key, 0);
        if (len == 0) continue;
        std::string rest = out[i].key.substr(len);
        if (code_points(rest) < 4) continue;  // "3.其他" is never matched by "其他"
        out.push_back({rest, MatchKind::unnumbered});
    }
    return out;
}

struct Occ {
    MatchKind kind = MatchKind::label;
    std::size_t s_begin = 0, s_end = 0;  // in the stream
    int t_first = 0, t_last = 0;          // token indices of the label's first and last tokens
    std::vector<int> values;              // token indices bound (after fitting)
    std::string unit;                     // from a unit cell between label and values
    std::vector<int> found;               // the value tokens found (before fitting)
    bool ok = false;
    bool group = false;  // immediately followed by another row's label, no values: a group heading
    bool column = false; // found in a column stream
    int level = 0;       // level of the label's numbering marker (0: none)
    std::string problem;
};

std::string value_list(const std::vector<Tok>& toks, const std::vector<int>& idx) {
    std::string s;
    for (std::size_t i = 0; i < idx.size() && i < 8; ++i) {
        if (i) s += "、";
        const Tok& t = toks[idx[i]];
        s += t.val.state == CellState::blank ? std::string("空") : t.text;
    }
    if (idx.size() > 8) s += "…";
    return s;
}

// Fits the values found to the row's m columns: extra blank cells (markdown's
// trailing empty cells, an empty unit column) are dropped; anything else that
// does not fit leaves the row unbound.
bool fit(const std::vector<Tok>& toks, std::vector<int> found, std::size_t m, std::vector<int>& out,
         std::string& problem) {
    auto blank = [&](int i) { return toks[i].val.state == CellState::blank; };
    while (found.size() > m && blank(found.back())) found.pop_back();
    while (found.size() > m && blank(found.front())) found.erase(found.begin());
    if (found.size() == m) {
        out = std::move(found);
        return true;
    }
    if (found.empty()) {
        problem = "标签后面没有数值";
    } else if (found.size() < m) {
        problem = fmt::format("只找到{}个值（{}），应有{}个", found.size(), value_list(toks, found), m);
    } else {
        problem = fmt::format("找到{}个值（{}），应有{}个，无法确定哪些属于本行", found.size(),
                              value_list(toks, found), m);
    }
    return false;
}

// Labels of several rows before one set of values ("5.… 1.… | 1 0 0 …"):
// a conversion moved labels out of their rows; the values cannot be assigned.
bool several_rows_pending(const std::vector<Tok>& toks, int first_value) {
    std::string pending;
    for (int i = first_value - 1; i >= 0 && toks[i].kind != TokKind::value; --i) {
        if (toks[i].kind == TokKind::label) pending.insert(0, toks[i].key);
    }
    std::vector<int> levels;
    for (std::size_t p = 0; p < pending.size();) {
        auto [len, level] = marker_at(pending, p);
        if (len) {
            levels.push_back(level);
            p += len;
        } else {
            ++p;
        }
    }
    if (levels.size() < 2) return false;
    int last = levels.back();
    return std::count(levels.begin(), levels.end(), last) >= 2;
}

class RowBinder {
public:
    explicit RowBinder(const std::vector<Tok>& toks) : toks_(toks), claimed_(toks.size(), false) {}

    std::vector<Occ> occurrences(const Stream& st, const std::vector<Pattern>& pats, std::size_t m) const {
        std::vector<Occ> out;
        for (const auto& p : pats) {
            for (std::size_t pos = st.text.find(p.key); pos != std::string::npos;
                 pos = st.text.find(p.key, pos + 1)) {
                std::size_t end = pos + p.key.size();
                bool marked = p.kind != MatchKind::unnumbered && marker_at(p.key, 0).first > 0;
                if (!st.is_start(pos) && !marked) continue;
                std::size_t li_last = st.at(end - 1);
                std::size_t tok_end = st.end_of(li_last);
                if (end != tok_end) {
                    std::string_view rest = std::string_view(st.text).substr(end, tok_end - end);
                    if (!rest.starts_with("(") && marker_at(st.text, end).first == 0) continue;
                }
                // the same place found by an earlier pattern
                if (std::any_of(out.begin(), out.end(),
                                [&](const Occ& o) { return o.s_begin == pos && o.s_end >= end; }))
                    continue;
                Occ o;
                o.kind = p.kind;
                o.level = p.kind == MatchKind::unnumbered ? 0 : marker_at(p.key, 0).second;
                o.s_begin = pos;
                o.s_end = end;
                o.t_first = st.tok[st.at(pos)];
                o.t_last = st.tok[li_last];
                evaluate(o, m);
                out.push_back(std::move(o));
            }
        }
        return out;
    }

    // A label written with a small slip ("2.其他法律行政止公开" for
    // "2.其他法律行政法规禁止公开"): the closest text starting at a label
    // token with the same numbering marker, within an edit distance of a quarter
    // of the label's length.  Only for labels of 8 or more characters.
    std::vector<Occ> fuzzy_occurrences(const Stream& st, const std::string& key, std::size_t m) const {
        std::vector<Occ> out;
        std::u32string want = utf8::to_u32(key);
        if (want.size() < 8) return out;
        auto [mlen, level] = marker_at(key, 0);
        std::size_t limit = std::max<std::size_t>(1, want.size() / 4);
        std::size_t best_d = limit + 1, best_pos = 0, best_end = 0;
        for (std::size_t li = 0; li < st.start.size(); ++li) {
            std::size_t pos = st.start[li];
            if (mlen && st.text.compare(pos, mlen, key, 0, mlen) != 0) continue;
            // candidate ends: lengths want.size() - limit .. want.size() + limit code points
            std::size_t i = pos;
            std::u32string got;
            while (i < st.text.size() && got.size() < want.size() + limit) {
                got.push_back(utf8::next(st.text, i));
                if (got.size() + limit < want.size()) continue;
                std::size_t d = utf8::edit_distance(got, want);
                if (d < best_d) {
                    best_d = d;
                    best_pos = pos;
                    best_end = i;
                }
            }
        }
        if (best_d > limit) return out;
        Occ o;
        o.kind = MatchKind::fuzzy;
        o.level = level;
        o.s_begin = best_pos;
        o.s_end = best_end;
        o.t_first = st.tok[st.at(best_pos)];
        o.t_last = st.tok[st.at(best_end - 1)];
        evaluate(o, m);
        out.push_back(std::move(o));
        return out;
    }


    bool claimed(const Occ& o) const {
        return std::any_of(o.values.begin(), o.values.end(), [&](int i) { return claimed_[i]; });
    }
    void claim(const Occ& o) {
        for (int i : o.values) claimed_[i] = true;
    }
    void claim(int i) { claimed_[i] = true; }
    bool is_claimed(int i) const { return claimed_[i]; }

private:
    const std::vector<Tok>& toks_;
    std::vector<bool> claimed_;

    void evaluate(Occ& o, std::size_t m) const {
        auto n = static_cast<int>(toks_.size());
        // Values after the token holding the label's end.
        std::vector<int> found;
        for (int j = o.t_last + 1; j < n; ++j) {
            const Tok& t = toks_[j];
            if (t.kind == TokKind::label) break;
            if (t.kind == TokKind::unit) {
                if (!found.empty()) break;
                if (o.unit.empty()) o.unit = t.text;
                continue;
            }
            found.push_back(j);
            if (t.row_end) break;
        }
        // Values inside a wrapped label ("…只计这一情 | 447 7 … | 形，不计其他情形）").
        bool inside = false;
        if (found.empty() && o.t_last > o.t_first) {
            std::vector<int> in;
            bool broken = false;
            for (int j = o.t_first + 1; j < o.t_last; ++j) {
                if (toks_[j].kind == TokKind::value) {
                    if (!in.empty() && in.back() != j - 1) broken = true;
                    in.push_back(j);
                }
            }
            if (!in.empty()) {
                inside = true;
                found = std::move(in);
                if (broken) {
                    o.found = found;
                    o.problem = fmt::format("标签中间夹有多组数值（{}），无法确定哪些属于本行", value_list(toks_, found));
                    return;
                }
            }
        }
        o.found = found;
        if (found.empty()) {
            o.problem = "标签后面没有数值";
            return;
        }
        if (!fit(toks_, found, m, o.values, o.problem)) {
            o.values.clear();
            return;
        }
        // Is the label in the row of its values?  If not, the values must not
        // be preceded by the labels of other rows.
        int fv = found.front();
        bool intact = false;
        for (int j = o.t_first; j <= o.t_last && !intact; ++j) intact = toks_[j].row == toks_[fv].row;
        if (!intact && !inside && several_rows_pending(toks_, fv)) {
            o.values.clear();
            o.problem = "数值前有多个行的标签，无法确定数值属于哪一行";
            return;
        }
        o.ok = true;
    }
};

BoundCell cell_of(const Tok& t, const std::string& unit_cell) {
    BoundCell c;
    c.state = t.val.state;
    c.number = t.val.number;
    c.text = t.val.state == CellState::blank ? std::string() : t.text;
    c.note = t.val.note;
    c.unit = !t.val.unit.empty() ? t.val.unit : unit_cell;
    c.view = t.view;
    return c;
}

std::size_t column_count(const rules::TableDecl& td, const rules::RowDecl& r) {
    return r.columns.empty() ? td.columns.size() : r.columns.size();
}

// ---------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------
struct RegionResult {
    bool ok = false;
    Span span;
    std::string reason;
};

RegionResult find_region(const Document& doc, const rules::TableDecl& td, const std::vector<SectionBinding>& sections) {
    RegionResult r;
    auto text_size = static_cast<std::uint32_t>(doc.view.text().size());
    r.span = {0, text_size};
    if (td.section) {
        const std::string& name = td.section->first;
        const SectionBinding* b = nullptr;
        for (const auto& s : sections)
            if (s.decl && s.decl->name == name) b = &s;
        if (!b || b->heading < 0 || static_cast<std::size_t>(b->heading) >= doc.headings.size()) {
            std::string title = b && b->decl && !b->decl->titles.empty() ? b->decl->titles[0].value : name;
            r.reason = fmt::format("未找到章节“{}”", title);
            return r;
        }
        const Heading& h = doc.headings[b->heading];
        r.span.begin = doc.body(b->heading).begin;  // after the heading line
        // The section ends where the next declared section found in the report
        // starts.  (The model's extent ends at the next heading of its level,
        // which inside tables of text layers is a row such as
        // "四、某项数量 0 0 …".)
        std::uint32_t end = text_size;
        for (const auto& s : sections) {
            if (s.heading < 0 || s.heading == b->heading || static_cast<std::size_t>(s.heading) >= doc.headings.size())
                continue;
            const Heading& o = doc.headings[s.heading];
            if (o.line <= h.line || o.level > h.level) continue;
            end = std::min(end, doc.lines[o.line - 1].view.begin);
        }
        r.span.end = end;
    }
    if (!td.anchors.empty()) {
        std::string_view region = doc.view_text(r.span);
        std::size_t best = std::string_view::npos, best_len = 0;
        for (const auto& a : td.anchors) {
            const std::string& t = a.normal.empty() ? a.value : a.normal;
            if (t.empty()) continue;
            std::size_t p = region.find(t);
            if (p != std::string_view::npos && p < best) {
                best = p;
                best_len = t.size();
            }
        }
        if (best == std::string_view::npos) {
            r.reason = fmt::format("未找到表格起始文字“{}”", td.anchors[0].value);
            return r;
        }
        r.span.begin = static_cast<std::uint32_t>(r.span.begin + best + best_len);
    }
    r.ok = true;
    return r;
}

BoundTable bind_one(const Document& doc, const rules::TableDecl& td, const std::vector<SectionBinding>& sections) {
    BoundTable bt;
    bt.decl = &td;
    for (const auto& r : td.rows) {
        BoundRow br;
        br.decl = &r;
        br.cells.resize(column_count(td, r));
        bt.rows.push_back(std::move(br));
    }
    RegionResult reg = find_region(doc, td, sections);
    if (!reg.ok) {
        bt.reason = reg.reason;
        for (auto& br : bt.rows) br.problem = reg.reason;
        return bt;
    }
    bt.region = reg.span;
    std::vector<Tok> toks = Tokenizer(doc, reg.span).run();
    Stream stream = build_stream(toks);
    RowBinder binder(toks);
    std::vector<Stream> col_streams = column_streams(toks);

    // All occurrences first: a row's label followed directly by another row's
    // label is the heading of a group of rows, not the row itself.
    std::vector<std::vector<Occ>> occs(td.rows.size());
    for (std::size_t i = 0; i < td.rows.size(); ++i) {
        const auto& r = td.rows[i];
        if (r.unlabeled || r.labels.empty()) continue;
        std::vector<Pattern> pats = patterns_of(r);
        occs[i] = binder.occurrences(stream, pats, column_count(td, r));
        if (occs[i].empty()) {
            for (const auto& cs : col_streams) {
                auto more = binder.occurrences(cs, pats, column_count(td, r));
                for (auto& o : more) {
                    o.column = true;
                    occs[i].push_back(std::move(o));
                }
            }
        }
        if (occs[i].empty() && !pats.empty() && pats.front().kind == MatchKind::label)
            occs[i] = binder.fuzzy_occurrences(stream, pats.front().key, column_count(td, r));
    }
    // Group headings: a label without values, followed by (or interleaved
    // with) the label of a row one numbering level below it -- "（六）其他处理"
    // over "1.申请人无正当理由…" -- heads those rows and is not a row itself.
    auto next_label = [&](int t) {
        for (int j = t + 1; j < static_cast<int>(toks.size()); ++j)
            if (toks[j].kind == TokKind::label) return j;
        return static_cast<int>(toks.size());
    };
    for (std::size_t i = 0; i < occs.size(); ++i) {
        for (auto& o : occs[i]) {
            if (!o.found.empty() || o.level == 0) continue;
            int hi = next_label(o.t_last);
            for (std::size_t k = 0; k < occs.size() && !o.group; ++k) {
                if (k == i) continue;
                for (const auto& p : occs[k]) {
                    if (p.level != o.level + 1) continue;
                    bool follows = !o.column && !p.column && p.s_begin == o.s_end;
                    bool interleaved = p.t_first > o.t_first && p.t_first <= hi;
                    if (follows || interleaved) o.group = true;
                }
            }
        }
    }

    int cursor = -1;
    bool any_found = false;
    for (std::size_t i = 0; i < td.rows.size(); ++i) {
        const auto& r = td.rows[i];
        BoundRow& br = bt.rows[i];
        if (r.unlabeled || r.labels.empty()) continue;
        std::vector<const Occ*> cands;
        for (const auto& o : occs[i])
            if (!o.group) cands.push_back(&o);
        if (cands.empty()) {
            br.problem = occs[i].empty()
                             ? fmt::format("未找到“{}”", r.labels[0].value)
                             : fmt::format("“{}”只作为其他行的分组标题出现，后面没有本行的数值", r.labels[0].value);
            continue;
        }
        auto better = [&](const Occ* a, const Occ* b) {
            bool aa = a->t_first >= cursor, ba = b->t_first >= cursor;
            if (aa != ba) return aa;
            if (a->kind != b->kind) return a->kind < b->kind;
            return a->s_begin < b->s_begin;
        };
        const Occ* best = nullptr;
        for (const Occ* o : cands) {
            if (!o->ok || binder.claimed(*o)) continue;
            if (!best || better(o, best)) best = o;
        }
        br.found = true;
        any_found = true;
        if (best) {
            binder.claim(*best);
            cursor = best->t_first;
            br.match = std::string(match_name(best->kind));
            br.label = {toks[best->t_first].view.begin, toks[best->t_last].view.end};
            for (std::size_t c = 0; c < best->values.size(); ++c) br.cells[c] = cell_of(toks[best->values[c]], best->unit);
            continue;
        }
        // Found, not bound: report the best place (values found first, then label kind, then position).
        const Occ* show = nullptr;
        for (const Occ* o : cands) {
            if (!show) {
                show = o;
                continue;
            }
            bool ov = !o->found.empty(), sv = !show->found.empty();
            if (ov != sv) {
                if (ov) show = o;
                continue;
            }
            if (o->kind < show->kind) show = o;
        }
        br.match = std::string(match_name(show->kind));
        br.label = {toks[show->t_first].view.begin, toks[show->t_last].view.end};
        br.problem = show->ok ? "本行的数值已被其他行使用" : show->problem;
    }

    // Unlabeled rows: the first run of values in the region.
    for (std::size_t i = 0; i < td.rows.size(); ++i) {
        const auto& r = td.rows[i];
        BoundRow& br = bt.rows[i];
        if (!(r.unlabeled || r.labels.empty())) continue;
        std::size_t m = column_count(td, r);
        std::vector<int> run;
        bool done = false;
        auto flush = [&]() {
            while (!run.empty() && toks[run.front()].val.state == CellState::blank) run.erase(run.begin());
            // a positional row is a run of values with at least one number and no text: a run of
            // merged-cell placeholders or header words in a real table is not one
            auto take = std::min(run.size(), m);
            bool has_number = std::any_of(run.begin(), run.begin() + static_cast<long>(take),
                                          [&](int t) { return toks[t].val.state == CellState::number; });
            bool has_text = std::any_of(run.begin(), run.begin() + static_cast<long>(take),
                                        [&](int t) { return toks[t].val.state == CellState::text; });
            if (!has_number || has_text) {
                run.clear();
                return;
            }
            if (run.size() >= m && m > 0) {
                std::vector<int> vals;
                std::string problem;
                // Unlabeled rows are positional: consecutive unlabeled rows share one run of
                // values (table 四 printed as one row of 15), each taking the next M values.
                // A run longer than M leaves its rest unclaimed for the next unlabeled row.
                std::vector<int> head(run.begin(), run.begin() + static_cast<long>(m));
                if (run.size() > m && toks[run[m - 1]].val.state != CellState::blank) run = head;
                if (fit(toks, run, m, vals, problem)) {
                    for (int t : vals) binder.claim(t);
                    for (std::size_t c = 0; c < m; ++c) br.cells[c] = cell_of(toks[vals[c]], "");
                    br.found = true;
                    br.match = "position";
                    any_found = true;
                } else {
                    br.problem = problem;
                }
                done = true;
            }
            run.clear();
        };
        for (std::size_t j = 0; j < toks.size() && !done; ++j) {
            const Tok& t = toks[j];
            if (t.kind == TokKind::value && !binder.is_claimed(static_cast<int>(j))) {
                run.push_back(static_cast<int>(j));
            } else {
                flush();
            }
        }
        if (!done) flush();
        if (!done && br.problem.empty()) br.problem = fmt::format("未找到连续{}个数值", m);
    }

    for (auto& br : bt.rows) {
        bool all = std::all_of(br.cells.begin(), br.cells.end(),
                               [](const BoundCell& c) { return c.state != CellState::unbound; });
        if (br.found && !all && br.problem.empty()) br.problem = "数值未能对应";
        if (all && !br.cells.empty()) br.problem.clear();
    }
    bt.found = any_found;
    if (!bt.found) bt.reason = "未找到表格的任何行";
    return bt;
}

}  // namespace

std::vector<BoundTable> bind_tables(const Document& doc, std::span<const rules::TableDecl* const> tables,
                                    const std::vector<SectionBinding>& sections) {
    std::vector<BoundTable> out;
    out.reserve(tables.size());
    for (const auto* t : tables) {
        if (!t) continue;
        out.push_back(bind_one(doc, *t, sections));
    }
    return out;
}

}  // namespace nianbao

namespace nianbao {

bool heading_in_table(const Document& doc, const BoundTable& table, const Heading& heading) {
    if (!table.found) return false;
    const std::uint32_t at = heading.marker.begin;
    if (at < table.region.begin || at >= table.region.end) return false;
    // between the first and the last bound row
    std::optional<std::uint32_t> first, last;
    for (const auto& r : table.rows) {
        if (!r.found) continue;
        if (!r.label.empty()) {
            first = std::min(first.value_or(r.label.begin), r.label.begin);
            last = std::max(last.value_or(r.label.end), r.label.end);
        }
        for (const auto& c : r.cells) {
            if (c.view.empty()) continue;
            first = std::min(first.value_or(c.view.begin), c.view.begin);
            last = std::max(last.value_or(c.view.end), c.view.end);
        }
    }
    if (!first || !last) return false;
    if (at >= *first && at < *last) return true;
    // a declared row label written as a heading just before the rows it
    // heads (a conversion's "### 一、…" above its one-row table): at most a
    // few lines above the first bound row, so a heading elsewhere in the
    // report that happens to share a row's words is not exempted
    if (at > *first) return false;
    const auto lines_between = std::count_if(doc.lines.begin(), doc.lines.end(), [&](const Line& l) {
        return !l.blank && l.view.begin > at && l.view.begin < *first;
    });
    if (lines_between > 6) return false;
    const std::string key = pattern_of(doc.view_text(Span{heading.marker.begin, heading.text.end}));
    for (const auto& r : table.rows)
        for (const auto& l : r.decl->labels)
            if (pattern_of(l.normal.empty() ? l.value : l.normal) == key) return true;
    return false;
}

}  // namespace nianbao
