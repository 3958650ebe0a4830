// Comparing the text of reports: passages (sentences and lines, digits masked)
// hashed so that two reports' shared passages are found by hash, and the
// shingles and MinHash signature of a text, for the similarity of two reports
// and for finding similar reports in a large batch without comparing all pairs.
#include "eval/passages.hpp"

#include <algorithm>
#include <limits>

#include "core/utf8.hpp"

namespace nianbao {

std::string ReportIdentity::label() const {
    std::string out = agency.empty() ? std::string("（机关不明）") : agency;
    out += year > 0 ? std::to_string(year) + "年" : std::string("（年度不明）");
    return out;
}

namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

bool is_space(char32_t c) { return utf8::is_space(c); }
bool is_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
bool ends_sentence(char32_t c) { return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B; }
bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The code points of text that count for comparison: Chinese characters and
// letters, and each run of digits (with its decimal point or thousands comma)
// as one '#'.  White space, punctuation and the lines and bars of a table's
// layout differ between a report's PDF, web page and Word file: they are left out.
std::vector<char32_t> masked(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size() / 2);
    bool in_number = false;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = utf8::next(text, i);
        if (is_space(c)) continue;
        if (!is_digit(c) && !(in_number && (c == '.' || c == ',')) && !utf8::is_han(c) && !is_letter(c)) {
            in_number = false;
            continue;
        }
        if (is_digit(c) || (in_number && (c == '.' || c == ','))) {
            if (!in_number) out.push_back(U'#');
            in_number = true;
            continue;
        }
        in_number = false;
        out.push_back(c);
    }
    return out;
}

std::uint64_t hash_run(const char32_t* p, std::size_t n) {
    std::uint64_t h = kFnvOffset;
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t c = static_cast<std::uint32_t>(p[i]);
        for (int b = 0; b < 4; ++b) {
            h ^= (c >> (8 * b)) & 0xFFu;
            h *= kFnvPrime;
        }
    }
    return h;
}

// A 64-bit mix (splitmix64's finaliser): the k-th MinHash permutation is mix(h ^ seed_k).
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

}  // namespace

std::vector<Passage> passages_of(const Document& doc) {
    std::vector<Passage> out;
    const std::string_view text = doc.view.text();
    std::size_t start = 0;
    auto flush = [&](std::size_t end) {
        if (end > start) {
            auto m = masked(text.substr(start, end - start));
            std::size_t hashes = static_cast<std::size_t>(std::count(m.begin(), m.end(), U'#'));
            // a passage of mostly numbers (a table row) is not prose
            if (m.size() >= kMinPassage && hashes * 4 < m.size())
                out.push_back({hash_run(m.data(), m.size()),
                               Span{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)}});
        }
    };
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = utf8::next(text, i);
        if (!ends_sentence(c)) continue;
        flush(i);
        start = i;
    }
    flush(text.size());
    // leading white space is not part of a passage's place
    for (auto& p : out) {
        std::size_t b = p.view.begin;
        while (b < p.view.end) {
            std::size_t j = b;
            if (!is_space(utf8::next(text, j))) break;
            b = j;
        }
        p.view.begin = static_cast<std::uint32_t>(b);
    }
    return out;
}

std::vector<std::uint64_t> shingles_of(std::string_view text) {
    auto m = masked(text);
    std::vector<std::uint64_t> out;
    if (m.size() < kShingle) {
        if (!m.empty()) out.push_back(hash_run(m.data(), m.size()));
        return out;
    }
    out.reserve(m.size() - kShingle + 1);
    for (std::size_t i = 0; i + kShingle <= m.size(); ++i) out.push_back(hash_run(m.data() + i, kShingle));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

namespace {
std::size_t common_count(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    std::size_t common = 0, i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] == b[j]) ++common, ++i, ++j;
        else if (a[i] < b[j]) ++i;
        else ++j;
    }
    return common;
}
}  // namespace

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    if (a.empty() && b.empty()) return 1.0;
    std::size_t common = common_count(a, b);
    return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

double containment(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    if (a.empty()) return b.empty() ? 1.0 : 0.0;
    return static_cast<double>(common_count(a, b)) / static_cast<double>(a.size());
}

// One-permutation MinHash: each shingle's mixed hash falls in one of
// kMinHashSize bins by its top bits and the bin keeps the least value; an empty
// bin takes the next non-empty one's (rotation), so that two texts agree on a bin
// with probability their Jaccard similarity, at one hash per shingle.
MinHash minhash_of(const std::vector<std::uint64_t>& shingles) {
    constexpr std::uint32_t kEmpty = std::numeric_limits<std::uint32_t>::max();
    MinHash sig;
    sig.fill(kEmpty);
    constexpr int kBinBits = 6;  // 64 bins
    static_assert(kMinHashSize == (1u << kBinBits));
    for (std::uint64_t h : shingles) {
        std::uint64_t m = mix(h);
        auto bin = static_cast<std::size_t>(m >> (64 - kBinBits));
        auto v = static_cast<std::uint32_t>(m & 0xFFFFFFFEu);  // never kEmpty
        if (v < sig[bin]) sig[bin] = v;
    }
    const MinHash filled = sig;
    for (std::size_t k = 0; k < kMinHashSize; ++k) {
        if (filled[k] != kEmpty) continue;
        for (std::size_t d = 1; d < kMinHashSize; ++d) {
            std::size_t j = (k + d) % kMinHashSize;
            if (filled[j] == kEmpty) continue;
            sig[k] = (filled[j] & 0xFFFFFF00u) | static_cast<std::uint32_t>(d);  // the distance marks it as borrowed
            break;
        }
    }
    return sig;
}

double estimate_similarity(const MinHash& a, const MinHash& b) {
    std::size_t same = 0;
    for (std::size_t k = 0; k < kMinHashSize; ++k) same += a[k] == b[k] ? 1 : 0;
    return static_cast<double>(same) / static_cast<double>(kMinHashSize);
}

}  // namespace nianbao
