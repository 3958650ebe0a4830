#include <algorithm>
#include <vector>
// UTF-8 helpers (see utf8.hpp).
#include "core/utf8.hpp"

#include <unicode/uchar.h>

namespace nianbao::utf8 {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_cont(unsigned char b) { return (b & 0xC0u) == 0x80u; }

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid or
// truncated (strict: no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t valid_seq_len(std::string_view s, std::size_t i, char32_t* cp_out) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        if (cp_out) *cp_out = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2; cp = b0 & 0x1Fu; min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3; cp = b0 & 0x0Fu; min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4; cp = b0 & 0x07u; min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if (!is_cont(b)) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    if (cp_out) *cp_out = cp;
    return len;
}

}  // namespace

char32_t next(std::string_view s, std::size_t& i) {
    if (i >= s.size()) return kReplacement;
    char32_t cp = 0;
    const std::size_t len = valid_seq_len(s, i, &cp);
    if (len == 0) {
        ++i;
        return kReplacement;
    }
    i += len;
    return cp;
}

void append(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0u | (cp >> 6)));
        out.push_back(static_cast<char>(0x80u | (cp & 0x3Fu)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0u | (cp >> 12)));
        out.push_back(static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu)));
        out.push_back(static_cast<char>(0x80u | (cp & 0x3Fu)));
    } else {
        out.push_back(static_cast<char>(0xF0u | (cp >> 18)));
        out.push_back(static_cast<char>(0x80u | ((cp >> 12) & 0x3Fu)));
        out.push_back(static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu)));
        out.push_back(static_cast<char>(0x80u | (cp & 0x3Fu)));
    }
}

std::string encode(char32_t cp) {
    std::string s;
    append(s, cp);
    return s;
}

std::size_t length(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        next(s, i);
        ++n;
    }
    return n;
}

int width(char32_t cp) {
    const auto c = static_cast<UChar32>(cp);
    if (cp == 0) return 0;
    const auto type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
    const auto eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) return 2;
    return 1;
}

std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) w += static_cast<std::size_t>(width(next(s, i)));
    return w;
}

bool is_han(char32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)       // CJK Unified Ideographs
           || (cp >= 0x3400 && cp <= 0x4DBF)    // Extension A
           || (cp >= 0xF900 && cp <= 0xFAFF)    // Compatibility Ideographs
           || (cp >= 0x20000 && cp <= 0x2FFFF)  // Extensions B-F, Compatibility Supplement
           || (cp >= 0x30000 && cp <= 0x3FFFF)  // Extensions G, H
           || cp == 0x3007;                     // 〇
}

bool is_cjk(char32_t cp) {
    return is_han(cp)
           || (cp >= 0x3000 && cp <= 0x303F)    // CJK symbols and punctuation
           || (cp >= 0xFF00 && cp <= 0xFFEF)    // half-width and full-width forms
           || (cp >= 0x2018 && cp <= 0x201F)    // ‘ ’ “ ” and friends
           || cp == 0x2026 || cp == 0x2025      // … ‥
           || cp == 0x2014 || cp == 0x2015      // — ―
           || cp == 0x00B7 || cp == 0x2027      // · ‧
           || (cp >= 0x2E80 && cp <= 0x2FDF)    // radicals
           || (cp >= 0x2FF0 && cp <= 0x2FFF)    // ideographic description
           || (cp >= 0x3040 && cp <= 0x30FF)    // kana
           || (cp >= 0x3100 && cp <= 0x31FF)    // bopomofo, kanbun, strokes, kana ext.
           || (cp >= 0x3200 && cp <= 0x33FF)    // enclosed CJK, CJK compatibility
           || (cp >= 0xAC00 && cp <= 0xD7AF)    // hangul syllables
           || (cp >= 0xFE10 && cp <= 0xFE1F)    // vertical forms
           || (cp >= 0xFE30 && cp <= 0xFE4F);   // CJK compatibility forms
}

bool is_space(char32_t cp) {
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;  // controls
    return u_isUWhiteSpace(static_cast<UChar32>(cp)) != 0;
}

bool is_ignorable(char32_t cp) {
    if (cp < 0x80) return false;
    return u_charType(static_cast<UChar32>(cp)) == U_FORMAT_CHAR;
}

std::size_t first_invalid(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = valid_seq_len(s, i, nullptr);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::u32string to_u32(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) out.push_back(next(s, i));
    return out;
}

std::size_t edit_distance(std::u32string_view a, std::u32string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::size_t edit_distance(std::string_view a, std::string_view b) { return edit_distance(to_u32(a), to_u32(b)); }

}  // namespace nianbao::utf8
