// The one comparison form of labels, titles and headings (see labels.hpp).
#include "bind/labels.hpp"

#include "core/utf8.hpp"

namespace nianbao::label {

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' || c == 0x3000 || c == 0x00A0 ||
           c == 0xFEFF || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F;
}
bool is_cjk_numeral(char32_t c) {
    switch (c) {
        case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七': case U'八':
        case U'九': case U'十': case U'〇': case U'零':
            return true;
        default: return false;
    }
}
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

std::u32string decode32(std::string_view s) {
    std::u32string out;
    std::size_t i = 0;
    while (i < s.size()) out.push_back(utf8::next(s, i));
    return out;
}
std::string encode32(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) utf8::append(out, c);
    return out;
}

// Key form of normalised (matching-view) text: no whitespace, quotes or
// markdown emphasis; 其它 = 其他; "1、" = "1."; other 、 = "," (OCR and
// conversions write either).  No trailing punctuation is removed (tokens are
// concatenated; see pattern_of for whole labels).
std::string key_of(std::string_view s) {
    std::u32string in = decode32(s), out;
    out.reserve(in.size());
    for (char32_t c : in) {
        if (is_space(c)) continue;
        switch (c) {
            case U'"': case U'\'': case U'\u201C': case U'\u201D': case U'\u2018': case U'\u2019':
            case U'\u300C': case U'\u300D': case U'\u300E': case U'\u300F': case U'#': case U'*': case U'`':
                continue;
            case U'\uFF08': c = U'('; break;
            case U'\uFF09': c = U')'; break;
            case U'\uFF0C': c = U','; break;
            case U'\uFF0E': c = U'.'; break;
            case U'\uFF1A': c = U':'; break;
            case U'\u5B83':  // 它
                if (!out.empty() && out.back() == U'\u5176') c = U'\u4ED6';
                break;
            case U'\u3001':  // 、
                if (!out.empty() && is_digit(out.back())) {
                    c = U'.';
                } else if (out.empty() || !is_cjk_numeral(out.back())) {
                    c = U',';
                }
                break;
            default: break;
        }
        out.push_back(c);
    }
    return encode32(out);
}

// A whole label's key: key_of without trailing punctuation.
std::string pattern_of(std::string_view normalized) {
    std::string k = key_of(normalized);
    static const std::string_view kTrail[] = {"。", "：", ":", "；", ";", ".", "，", ","};
    bool again = true;
    while (again && !k.empty()) {
        again = false;
        for (auto t : kTrail) {
            if (k.size() >= t.size() && k.compare(k.size() - t.size(), t.size(), t) == 0) {
                k.resize(k.size() - t.size());
                again = true;
            }
        }
    }
    return k;
}

bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
}

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

}  // namespace nianbao::label
