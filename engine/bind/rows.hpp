// Rows: finding a declared row's label in the label stream and taking the
// values that follow it.  Internal to engine/bind.
//
// An occurrence (Occ) of a row's label is evaluated at once: the value
// tokens after it (up to the next label text or the end of its row), fitted
// to the row's columns, or why they cannot be (`problem`).  A RowBinder
// finds the occurrences and keeps which value tokens rows have claimed.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bind/stream.hpp"
#include "bind/tables.hpp"
#include "bind/tokens.hpp"
#include "grammar/ast.hpp"

namespace nianbao::bind {

enum class MatchKind { label = 0, variant = 1, unnumbered = 2, fuzzy = 3 };
std::string_view match_name(MatchKind k);

struct Pattern {
    std::string key;
    MatchKind kind = MatchKind::label;
};

// The keys a row is searched by: its label, its variants, and each of them
// without its numbering marker (when 4 or more characters remain).
std::vector<Pattern> patterns_of(const rules::RowDecl& r);

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

// "0、1、空…" for messages: the first 8 values of `idx`.
std::string value_list(const std::vector<Tok>& toks, const std::vector<int>& idx);

// Fits the values found to the row's m columns: extra blank cells (markdown's
// trailing empty cells, an empty unit column) are dropped; anything else that
// does not fit leaves the row unbound (false, with the reason in `problem`).
bool fit(const std::vector<Tok>& toks, std::vector<int> found, std::size_t m, std::vector<int>& out,
         std::string& problem);

// Labels of several rows before one set of values ("5.… 1.… | 1 0 0 …"):
// a conversion moved labels out of their rows; the values cannot be assigned.
bool several_rows_pending(const std::vector<Tok>& toks, int first_value);

class RowBinder {
public:
    explicit RowBinder(const std::vector<Tok>& toks) : toks_(toks), claimed_(toks.size(), false) {}

    // Every place in `st` where one of `pats` is written as a whole label,
    // each evaluated for a row of m columns.
    std::vector<Occ> occurrences(const Stream& st, const std::vector<Pattern>& pats, std::size_t m) const;

    // A label written with a small slip ("2.其他法律行政止公开" for
    // "2.其他法律行政法规禁止公开"): the closest text starting at a label
    // token with the same numbering marker, within an edit distance of a quarter
    // of the label's length.  Only for labels of 8 or more characters.
    std::vector<Occ> fuzzy_occurrences(const Stream& st, const std::string& key, std::size_t m) const;

    [[nodiscard]] bool claimed(const Occ& o) const;
    void claim(const Occ& o);
    void claim(int i) { claimed_[i] = true; }
    [[nodiscard]] bool is_claimed(int i) const { return claimed_[i]; }

private:
    const std::vector<Tok>& toks_;
    std::vector<bool> claimed_;

    void evaluate(Occ& o, std::size_t m) const;
};

// The bound cell of value token `t`; `unit_cell` is the unit written in a
// cell of its own before the row's values ("" when none).
BoundCell cell_of(const Tok& t, const std::string& unit_cell);

// The number of columns of row `r` of table `td`.
std::size_t column_count(const rules::TableDecl& td, const rules::RowDecl& r);

}  // namespace nianbao::bind
