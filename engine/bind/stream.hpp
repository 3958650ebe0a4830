// The label stream of a table region: the keys of its label tokens
// concatenated, so that a row label wrapped over lines, split across cells or
// printed one character per line is found as one string.  Internal to
// engine/bind.
#pragma once
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "bind/tokens.hpp"

namespace nianbao::bind {

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

// The label tokens in reading order.
Stream build_stream(const std::vector<Tok>& toks);

// Column streams of space-aligned text (pdftotext -layout): the label tokens
// that start at the same column, in reading order (see stream.cpp).
std::vector<Stream> column_streams(const std::vector<Tok>& toks);

}  // namespace nianbao::bind
