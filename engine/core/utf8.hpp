// Small UTF-8 helpers shared by every stage.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nianbao::utf8 {

// Decodes the code point starting at s[i]; advances i.  Invalid bytes decode
// as U+FFFD and advance by one byte.
char32_t next(std::string_view s, std::size_t& i);
void append(std::string& out, char32_t cp);
std::string encode(char32_t cp);
// Number of code points in s.
std::size_t length(std::string_view s);
// Terminal display width: East Asian Wide/Fullwidth = 2, combining marks = 0, others 1.
int width(char32_t cp);
std::size_t display_width(std::string_view s);
// True for CJK ideographs and CJK punctuation/full-width forms (the characters
// between which whitespace carries no meaning in Chinese text).
bool is_cjk(char32_t cp);
bool is_han(char32_t cp);
// Levenshtein distance in code points (for "did you mean" and fuzzy labels).
std::size_t edit_distance(std::u32string_view a, std::u32string_view b);
std::size_t edit_distance(std::string_view a, std::string_view b);
std::u32string to_u32(std::string_view s);
// Returns the first byte offset where s is not valid UTF-8, or npos.
std::size_t first_invalid(std::string_view s);
// Whitespace for matching purposes: Unicode White_Space (space, tab, line
// breaks, NBSP, U+3000, other Zs) plus the other C0/C1 control characters.
bool is_space(char32_t cp);
// Invisible format characters (general category Cf: zero-width space, BOM,
// soft hyphen, bidi marks, ...), which the matching view drops.
bool is_ignorable(char32_t cp);

}  // namespace nianbao::utf8
