// Rows: see rows.hpp.
#include "bind/rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "bind/labels.hpp"
#include "core/utf8.hpp"

namespace nianbao::bind {

using label::code_points;
using label::marker_at;
using label::pattern_of;

std::string_view match_name(MatchKind k) {
    switch (k) {
        case MatchKind::label: return "label";
        case MatchKind::variant: return "variant";
        case MatchKind::unnumbered: return "unnumbered";
        case MatchKind::fuzzy: return "fuzzy";
    }
    return "label";
}

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

std::vector<Occ> RowBinder::occurrences(const Stream& st, const std::vector<Pattern>& pats, std::size_t m) const {
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

std::vector<Occ> RowBinder::fuzzy_occurrences(const Stream& st, const std::string& key, std::size_t m) const {
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

bool RowBinder::claimed(const Occ& o) const {
    return std::any_of(o.values.begin(), o.values.end(), [&](int i) { return claimed_[i]; });
}

void RowBinder::claim(const Occ& o) {
    for (int i : o.values) claimed_[i] = true;
}

void RowBinder::evaluate(Occ& o, std::size_t m) const {
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

}  // namespace nianbao::bind
