// Small text helpers of the model stage: see text.hpp.
#include "model/text.hpp"

#include "core/utf8.hpp"

namespace nianbao::model {

bool is_space_cp(char32_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0x3000 || c == 0x00A0 ||
           c == 0xFEFF || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F;
}

namespace {

// Byte length of the whitespace character that ends at `end` (0 if none).
std::size_t space_before(std::string_view t, std::size_t end, std::size_t begin) {
    if (end <= begin) return 0;
    // Find the start of the last code point (at most 4 bytes back).
    std::size_t start = end - 1;
    while (start > begin && end - start < 4 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80) --start;
    std::size_t i = start;
    char32_t cp = utf8::next(t, i);
    if (i != end) return 0;
    return is_space_cp(cp) ? end - start : 0;
}

}  // namespace

Span trim_span(std::string_view t, Span s) {
    std::size_t b = s.begin, e = s.end;
    while (b < e) {
        std::size_t i = b;
        char32_t cp = utf8::next(t, i);
        if (!is_space_cp(cp)) break;
        b = i;
    }
    while (e > b) {
        std::size_t n = space_before(t, e, b);
        if (n == 0) break;
        e -= n;
    }
    return {static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)};
}

bool is_blank(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (!is_space_cp(utf8::next(s, i))) return false;
    }
    return true;
}

std::vector<Cp> decode(std::string_view s) {
    std::vector<Cp> out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto off = static_cast<std::uint32_t>(i);
        char32_t cp = utf8::next(s, i);
        out.push_back({cp, off});
    }
    return out;
}

int cjk_digit(char32_t c) {
    switch (c) {
        case U'〇': case U'零': case U'○': case U'０': return 0;
        case U'一': return 1;
        case U'二': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        default: return -1;
    }
}

// Strict CJK numeral 1..99: 一 … 九, 十, 十一 … 十九, 二十, 二十一 … 九十九.
int cjk_number(const std::u32string& s) {
    if (s.empty() || s.size() > 3) return -1;
    auto ten = s.find(U'十');
    if (ten == std::u32string::npos) {
        if (s.size() != 1) return -1;
        int d = cjk_digit(s[0]);
        return d >= 1 ? d : -1;
    }
    if (s.find(U'十', ten + 1) != std::u32string::npos) return -1;
    int tens = 1;
    if (ten == 1) {
        tens = cjk_digit(s[0]);
        if (tens < 2) return -1;
    } else if (ten != 0) {
        return -1;
    }
    int units = 0;
    if (ten + 1 < s.size()) {
        if (ten + 2 != s.size()) return -1;
        units = cjk_digit(s[ten + 1]);
        if (units < 1) return -1;
    }
    return tens * 10 + units;
}

// Lenient numeral for 第…部分 / 第…章 (allows 百 and 零/〇).
int cjk_number_lenient(const std::u32string& s) {
    if (s.size() > 6) return -1;
    int total = 0, cur = 0;
    bool any = false;
    for (char32_t c : s) {
        int d = cjk_digit(c);
        if (d >= 0) {
            cur = d;
            any = true;
        } else if (c == U'十') {
            total += (cur ? cur : 1) * 10;
            cur = 0;
            any = true;
        } else if (c == U'百') {
            total += (cur ? cur : 1) * 100;
            cur = 0;
            any = true;
        } else {
            return -1;
        }
    }
    total += cur;
    return any && total > 0 ? total : -1;
}

std::string cjk_numeral(int n) {
    static const char* const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0) return std::to_string(n);
    if (n < 10) return digits[n];
    if (n < 100) {
        std::string s;
        if (n / 10 > 1) s += digits[n / 10];
        s += "十";
        if (n % 10) s += digits[n % 10];
        return s;
    }
    return std::to_string(n);
}

}  // namespace nianbao::model
