// Character-level normalisation used for matching: NFKC (full-width digits,
// letters and brackets become ASCII), then traditional -> simplified Chinese.
// Both the report reader (to build the matching view) and the rule compiler
// (to normalise literals and patterns the same way) use it.
//
// Not thread-safe: each thread / each check owns its own CharNormalizer.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace nianbao {

class CharNormalizer {
public:
    CharNormalizer();   // throws std::runtime_error if ICU data is missing
    ~CharNormalizer();
    CharNormalizer(const CharNormalizer&) = delete;
    CharNormalizer& operator=(const CharNormalizer&) = delete;

    // Normalised form of one code point, as UTF-8 (may be empty or several chars).
    const std::string& map(char32_t cp);
    // Normalises a whole string char by char (no offset map), and drops
    // whitespace next to CJK characters, collapsing other runs to one space,
    // trimming both ends.  Used for labels, titles and rule literals.
    std::string normalize(std::string_view utf8);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::unordered_map<char32_t, std::string> cache_;
};

}  // namespace nianbao
