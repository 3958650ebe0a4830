// Comparing labels: the key form in which the binders compare a document's
// text (matching view) with the rules' labels and titles (normalised), so that
// spaces, quotes, markdown emphasis, 其它/其他 and 、/,/. do not matter.
// Shared by the section binder (titles vs headings) and the table binder (row
// labels vs the table's text).
#pragma once
#include <string>
#include <string_view>
#include <utility>

namespace nianbao::label {

bool is_space(char32_t c);        // Unicode spaces, including ideographic and zero-width ones
bool is_cjk_numeral(char32_t c);  // 一 .. 十, 〇, 零
bool is_digit(char32_t c);        // ASCII 0-9

std::u32string decode32(std::string_view utf8);
std::string encode32(std::u32string_view s);

// Key form of normalised text: no whitespace, quotes or markdown emphasis;
// 其它 = 其他; "1、" = "1."; other 、 = ",".  Trailing punctuation is kept
// (the table binder concatenates keys of pieces).
std::string key_of(std::string_view normalized);

// A whole label's key: key_of without trailing punctuation (。：:；;.，,).
std::string pattern_of(std::string_view normalized);

bool is_han(char32_t c);  // a CJK ideograph (URO, extension A, compatibility)
// A numbering marker at byte `pos` of a key: "1." (level 3), "(一)" (2),
// "一、" (1), "(1)" (4).  Returns {bytes, level}, {0, 0} when none.
std::pair<std::size_t, int> marker_at(std::string_view key, std::size_t pos);
std::size_t code_points(std::string_view s);

}  // namespace nianbao::label
