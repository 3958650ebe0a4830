// Small text helpers of the model stage: whitespace, code points and the
// numerals of heading markers and dates.  Internal to engine/model.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.hpp"

namespace nianbao::model {

// Whitespace as the model sees it: ASCII and Unicode spaces, U+3000, NBSP, BOM, zero-width space.
bool is_space_cp(char32_t c);
// Trims such whitespace from both ends of a byte span of `t`.
Span trim_span(std::string_view t, Span s);
// Nothing but whitespace.
bool is_blank(std::string_view s);

struct Cp {
    char32_t cp;
    std::uint32_t off;  // byte offset of the code point within the decoded string
};
std::vector<Cp> decode(std::string_view s);

int cjk_digit(char32_t c);                       // 〇 零 ○ ０ = 0, 一 … 九; -1 otherwise
int cjk_number(const std::u32string& s);         // strict 1..99: 一 … 九十九; -1 otherwise
int cjk_number_lenient(const std::u32string& s); // for 第…部分: also 百 and 零; -1 otherwise
std::string cjk_numeral(int n);                  // 12 -> 十二

inline bool is_cjk_numeral_char(char32_t c) { return (cjk_digit(c) >= 1) || c == U'十'; }
inline bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool is_fw_digit(char32_t c) { return c >= U'０' && c <= U'９'; }
inline int digit_value(char32_t c) {
    if (is_ascii_digit(c)) return static_cast<int>(c - U'0');
    if (is_fw_digit(c)) return static_cast<int>(c - U'０');
    return -1;
}
inline bool is_open_paren(char32_t c) { return c == U'(' || c == U'（'; }
inline bool is_close_paren(char32_t c) { return c == U')' || c == U'）'; }
inline bool is_dot(char32_t c) { return c == U'.' || c == U'．'; }
inline bool is_dun(char32_t c) { return c == U'、'; }

}  // namespace nianbao::model
