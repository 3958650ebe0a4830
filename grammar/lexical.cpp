// Lexical facts of the rule language shared by the parser and sema: the
// reserved words, the characters of identifiers (as in grammar.hpp), and the
// unescaping of string literals with the file offset of every value byte.
#include <algorithm>
#include <charconv>

#include "core/utf8.hpp"
#include "grammar/internal.hpp"

namespace nianbao::rules::detail {

namespace {
constexpr std::string_view kKeywords[] = {
    "ruleset", "extends", "drop",  "applies", "always",  "when",    "source", "fact",  "section",
    "rule",    "for",     "in",    "let",     "require", "forbid",  "report", "at",    "message",
    "explain", "good",    "bad",   "error",   "warning", "info",    "and",    "or",    "not",
    "true",    "false",   "case",  "then",    "else",    "end",     "table"};

bool in_han_ranges(char32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FA1F);
}
}  // namespace

bool is_ident_start(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || in_han_ranges(c);
}
bool is_ident_char(char32_t c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_keyword(std::string_view w) {
    return std::find(std::begin(kKeywords), std::end(kKeywords), w) != std::end(kKeywords);
}

std::string unescape_string(std::string_view lit, std::uint32_t base, std::vector<std::uint32_t>* offsets) {
    std::string out;
    std::size_t i = 1;  // after the opening quote
    const std::size_t stop = (lit.size() >= 2 && lit.back() == '"') ? lit.size() - 1 : lit.size();
    auto mark = [&](std::size_t from_len, std::size_t at) {
        if (offsets)
            for (std::size_t k = from_len; k < out.size(); ++k) offsets->push_back(base + static_cast<std::uint32_t>(at));
    };
    while (i < stop) {
        const std::size_t at = i;
        const std::size_t before = out.size();
        if (lit[i] == '\\' && i + 1 < stop) {
            const char c = lit[i + 1];
            i += 2;
            switch (c) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t cp = 0;
                    if (i + 4 <= stop) {
                        std::from_chars(lit.data() + i, lit.data() + i + 4, cp, 16);
                        i += 4;
                    }
                    utf8::append(out, static_cast<char32_t>(cp));
                    break;
                }
                default: out += c; break;
            }
        } else {
            out += lit[i];
            ++i;
        }
        mark(before, at);
    }
    if (offsets) offsets->push_back(base + static_cast<std::uint32_t>(std::min(i, lit.size())));
    return out;
}

}  // namespace nianbao::rules::detail
