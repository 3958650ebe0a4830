// Binding declared tables to the report: see tables.hpp for the contract.
//
// The table's region is read as a stream of tokens in reading order
// (tokens.hpp: the cells of model tables -- cell-per-line, markdown,
// tab-separated -- and the whitespace-separated pieces of other lines:
// space-aligned PDF text layers, OCR).  Each token is label text, a value
// (number, dash, blank, text) or a unit cell ("件").  Row labels are searched
// in the concatenation of all label tokens (stream.hpp, in a key form where
// width, spaces, quotes and line breaks do not matter), so labels wrapped over
// lines, split across cells or printed one character per line are found; the
// row's values are the value tokens that follow its label (rows.hpp).
//
// What is never done (the text cannot say it): binding values that are not
// where the row's values must be -- a label followed by fewer or more values
// than the row has columns, values preceded by the labels of several rows
// with nothing to tell which row they belong to (conversions that move labels
// out of their rows), numbers inside prose, page numbers.
//
// bind_one, step by step:
//   find_region          the view span the table is searched in (region.cpp)
//   glued_cells          a region on one line with its cells glued is unreadable
//   read_region          its tokens, label stream and column streams
//   find_occurrences     every place each labeled row's label is written
//   mark_group_headings  labels that head a group of rows, not rows
//   bind_labeled_rows    each row takes its best unclaimed occurrence
//   bind_unlabeled_rows  positional rows take the next run of values
//   finish_rows          the problem of each row not fully bound
#include "bind/tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "bind/labels.hpp"
#include "bind/region.hpp"
#include "bind/rows.hpp"
#include "bind/stream.hpp"
#include "bind/tokens.hpp"

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

using bind::build_stream;
using bind::cell_of;
using bind::column_count;
using bind::column_streams;
using bind::find_region;
using bind::fit;
using bind::match_name;
using bind::MatchKind;
using bind::Occ;
using bind::Pattern;
using bind::patterns_of;
using bind::RegionResult;
using bind::RowBinder;
using bind::Stream;
using bind::Tok;
using bind::tokenize;
using bind::TokKind;

bool is_labeled(const rules::RowDecl& r) { return !(r.unlabeled || r.labels.empty()); }

// A binding with one row per declared row, every cell unbound.
BoundTable unbound_table(const rules::TableDecl& td) {
    BoundTable bt;
    bt.decl = &td;
    for (const auto& r : td.rows) {
        BoundRow br;
        br.decl = &r;
        br.cells.resize(column_count(td, r));
        bt.rows.push_back(std::move(br));
    }
    return bt;
}

// The region as read: its tokens, its label stream and the column streams.
struct RegionText {
    std::vector<Tok> toks;
    Stream stream;
    std::vector<Stream> columns;
};

RegionText read_region(const Document& doc, Span region) {
    RegionText t;
    t.toks = tokenize(doc, region);
    t.stream = build_stream(t.toks);
    t.columns = column_streams(t.toks);
    return t;
}

// All occurrences of each labeled row's label: in the label stream; failing
// that, in the column streams; failing that, a label written with a slip.
std::vector<std::vector<Occ>> find_occurrences(const rules::TableDecl& td, const RegionText& text,
                                               const RowBinder& binder) {
    std::vector<std::vector<Occ>> occs(td.rows.size());
    for (std::size_t i = 0; i < td.rows.size(); ++i) {
        const auto& r = td.rows[i];
        if (!is_labeled(r)) continue;
        std::vector<Pattern> pats = patterns_of(r);
        occs[i] = binder.occurrences(text.stream, pats, column_count(td, r));
        if (occs[i].empty()) {
            for (const auto& cs : text.columns) {
                auto more = binder.occurrences(cs, pats, column_count(td, r));
                for (auto& o : more) {
                    o.column = true;
                    occs[i].push_back(std::move(o));
                }
            }
        }
        if (occs[i].empty() && !pats.empty() && pats.front().kind == MatchKind::label)
            occs[i] = binder.fuzzy_occurrences(text.stream, pats.front().key, column_count(td, r));
    }
    return occs;
}

// Group headings: a label without values, followed by (or interleaved
// with) the label of a row one numbering level below it -- "（六）其他处理"
// over "1.申请人无正当理由…" -- heads those rows and is not a row itself.
void mark_group_headings(std::vector<std::vector<Occ>>& occs, const std::vector<Tok>& toks) {
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
}

// The occurrence a row takes: bound (ok) and unclaimed; the first after the
// previous row's (`cursor`), then the better kind of match, then the first.
const Occ* best_occurrence(const std::vector<const Occ*>& cands, const RowBinder& binder, int cursor) {
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
    return best;
}

// Found, not bound: the place to report (values found first, then label kind, then position).
const Occ* place_to_show(const std::vector<const Occ*>& cands) {
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
    return show;
}

// Each labeled row, in declaration order, takes its best occurrence and
// claims its values.  Returns whether any row was found.
bool bind_labeled_rows(const rules::TableDecl& td, const std::vector<Tok>& toks,
                       const std::vector<std::vector<Occ>>& occs, RowBinder& binder, BoundTable& bt) {
    int cursor = -1;
    bool any_found = false;
    for (std::size_t i = 0; i < td.rows.size(); ++i) {
        const auto& r = td.rows[i];
        BoundRow& br = bt.rows[i];
        if (!is_labeled(r)) continue;
        std::vector<const Occ*> cands;
        for (const auto& o : occs[i])
            if (!o.group) cands.push_back(&o);
        if (cands.empty()) {
            br.problem = occs[i].empty()
                             ? fmt::format("未找到“{}”", r.labels[0].value)
                             : fmt::format("“{}”只作为其他行的分组标题出现，后面没有本行的数值", r.labels[0].value);
            continue;
        }
        br.found = true;
        any_found = true;
        if (const Occ* best = best_occurrence(cands, binder, cursor)) {
            binder.claim(*best);
            cursor = best->t_first;
            br.match = std::string(match_name(best->kind));
            br.label = {toks[best->t_first].view.begin, toks[best->t_last].view.end};
            for (std::size_t c = 0; c < best->values.size(); ++c) br.cells[c] = cell_of(toks[best->values[c]], best->unit);
            continue;
        }
        const Occ* show = place_to_show(cands);
        br.match = std::string(match_name(show->kind));
        br.label = {toks[show->t_first].view.begin, toks[show->t_last].view.end};
        br.problem = show->ok ? "本行的数值已被其他行使用" : show->problem;
    }
    return any_found;
}

// An unlabeled row: the first run of unclaimed values in the region with at
// least one number and no text (a run of merged-cell placeholders or header
// words in a real table is not one).  Returns whether it was bound.
bool bind_positional_row(const std::vector<Tok>& toks, std::size_t m, RowBinder& binder, BoundRow& br) {
    std::vector<int> run;
    bool done = false, bound = false;
    auto flush = [&]() {
        while (!run.empty() && toks[run.front()].val.state == CellState::blank) run.erase(run.begin());
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
                bound = true;
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
    return bound;
}

// Unlabeled rows, in declaration order.  Returns whether any was bound.
bool bind_unlabeled_rows(const rules::TableDecl& td, const std::vector<Tok>& toks, RowBinder& binder,
                         BoundTable& bt) {
    bool any_found = false;
    for (std::size_t i = 0; i < td.rows.size(); ++i) {
        const auto& r = td.rows[i];
        if (is_labeled(r)) continue;
        if (bind_positional_row(toks, column_count(td, r), binder, bt.rows[i])) any_found = true;
    }
    return any_found;
}

// A found row not fully bound says why; a fully bound row has no problem.
void finish_rows(BoundTable& bt, bool any_found) {
    for (auto& br : bt.rows) {
        bool all = std::all_of(br.cells.begin(), br.cells.end(),
                               [](const BoundCell& c) { return c.state != CellState::unbound; });
        if (br.found && !all && br.problem.empty()) br.problem = "数值未能对应";
        if (all && !br.cells.empty()) br.problem.clear();
    }
    bt.found = any_found;
    if (!bt.found) bt.reason = "未找到表格的任何行";
}

// A region inside one line whose numbers are written straight after text
// and never apart from each other ("…申请640020470…", a crawler's text of a
// table): its cells cannot be told apart.  Returns the first such run of
// digits written after text, "" when the region is not such a line.
std::string glued_cells(const Document& doc, Span region) {
    const auto line = std::find_if(doc.lines.begin(), doc.lines.end(), [&](const Line& l) {
        return l.view.begin <= region.begin && region.end <= l.view.end;
    });
    if (line == doc.lines.end()) return "";
    const Span src = doc.to_source(region);
    const std::string_view t = std::string_view(doc.source->text()).substr(src.begin, src.size());
    std::string first;
    int glued = 0;
    for (std::size_t i = 0; i < t.size();) {
        if (t[i] < '0' || t[i] > '9') {
            ++i;
            continue;
        }
        std::size_t e = i;
        while (e < t.size() && ((t[e] >= '0' && t[e] <= '9') || t[e] == '.')) ++e;
        const bool after_text = i > 0 && static_cast<unsigned char>(t[i - 1]) >= 0x80;
        std::size_t k = e;
        while (k < t.size() && (t[k] == ' ' || t[k] == '\t' || t[k] == '|')) ++k;
        if (k > e && k < t.size() && t[k] >= '0' && t[k] <= '9') return "";  // numbers written apart
        if (after_text && e - i >= 3) {
            if (first.empty()) first = std::string(t.substr(i, e - i));
            ++glued;
        }
        i = e;
    }
    return glued >= 2 ? first : "";
}

BoundTable bind_one(const Document& doc, const rules::TableDecl& td, const std::vector<SectionBinding>& sections) {
    BoundTable bt = unbound_table(td);
    RegionResult reg = find_region(doc, td, sections);
    if (!reg.ok) {
        bt.reason = reg.reason;
        for (auto& br : bt.rows) br.problem = reg.reason;
        return bt;
    }
    bt.region = reg.span;
    if (std::string g = glued_cells(doc, reg.span); !g.empty()) {
        bt.unreadable = true;
        bt.reason = fmt::format("表格的单元格连在一起写在一行里（如“{}”），分不出各单元格", g);
        for (auto& br : bt.rows) br.problem = bt.reason;
        return bt;
    }
    RegionText text = read_region(doc, reg.span);
    RowBinder binder(text.toks);
    // All occurrences first: a row's label followed directly by another row's
    // label is the heading of a group of rows, not the row itself.
    std::vector<std::vector<Occ>> occs = find_occurrences(td, text, binder);
    mark_group_headings(occs, text.toks);
    bool labeled = bind_labeled_rows(td, text.toks, occs, binder, bt);
    bool positional = bind_unlabeled_rows(td, text.toks, binder, bt);
    finish_rows(bt, labeled || positional);
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
    const std::string key = label::pattern_of(doc.view_text(Span{heading.marker.begin, heading.text.end}));
    for (const auto& r : table.rows)
        for (const auto& l : r.decl->labels)
            if (label::pattern_of(l.normal.empty() ? l.value : l.normal) == key) return true;
    return false;
}

}  // namespace nianbao
