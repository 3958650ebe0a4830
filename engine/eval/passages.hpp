// Comparing the text of reports (passages.cpp): the hashed passages and the
// shingles and MinHash signature of a text.  Years and numbers change from year
// to year and from agency to agency, so digits are masked before comparing.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "eval/links.hpp"

namespace nianbao {

// Shingles: every run of kShingle code points of the masked text, hashed, sorted, unique.
inline constexpr std::size_t kShingle = 5;
std::vector<std::uint64_t> shingles_of(std::string_view text);
// Jaccard similarity of two sorted, unique shingle sets.
double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);
// The fraction of a's shingles that b has too: how much of a is in b.
double containment(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

inline constexpr std::size_t kMinHashSize = 64;
using MinHash = std::array<std::uint32_t, kMinHashSize>;
MinHash minhash_of(const std::vector<std::uint64_t>& shingles);
// The fraction of equal bins: an estimate of the Jaccard similarity.
double estimate_similarity(const MinHash& a, const MinHash& b);

}  // namespace nianbao
