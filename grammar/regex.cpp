// Pass 4: patterns.  Macro expansion ({year}, {date:d} ...), normalisation of
// literal characters (the same CharNormalizer the matching view uses: a
// full-width bracket becomes an escaped ASCII bracket, i.e. a literal), and
// ICU compilation (multi-line mode always on).
#include <unicode/parseerr.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <string>

#include "core/utf8.hpp"
#include "grammar/internal.hpp"

namespace nianbao::rules::detail {

namespace {

constexpr std::string_view kYear = R"((?<!\d)(?:19|20)\d{2}(?!\d))";
constexpr std::string_view kInt = R"(\d{1,3}(?:,\d{3})+|\d+)";
constexpr std::string_view kNum = R"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)";
// 2024年1月18日, 2024年1月, 2024-01-18, 2024/1/18, 2024.1.18,
// 二〇一八年三月二十八日, 二〇一八年三月 (〇 零 ○ as zero).
constexpr std::string_view kDate =
    "(?<!\\d)(?:"
    "(?:19|20)\\d{2}年\\d{1,2}月(?:\\d{1,2}日)?"
    "|(?:19|20)\\d{2}-\\d{1,2}-\\d{1,2}(?!\\d)"
    "|(?:19|20)\\d{2}/\\d{1,2}/\\d{1,2}(?!\\d)"
    "|(?:19|20)\\d{2}\\.\\d{1,2}\\.\\d{1,2}(?!\\d)"
    "|[〇零○一二三四五六七八九]{4}年(?:十[一二]?|[一二三四五六七八九])月"
    "(?:(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])日)?"
    ")";

bool is_meta(char c) {
    switch (c) {
        case '(': case ')': case '[': case ']': case '{': case '}': case '.': case '*': case '+':
        case '?': case '|': case '^': case '$': case '\\': case '/':
            return true;
        default:
            return false;
    }
}

bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool valid_capture_name(std::string_view n) {
    if (n.empty() || !ascii_alpha(n[0])) return false;
    return std::all_of(n.begin(), n.end(), [](char c) { return ascii_alpha(c) || ascii_digit(c); });
}

struct Expander {
    std::string_view src;
    std::uint32_t base;
    CharNormalizer& norm;
    std::vector<PatternError>& errors;
    std::string out;
    std::vector<std::uint32_t> cp_src;  // per code point of `out`: file offset it came from
    std::vector<Capture> captures;
    bool failed = false;

    void emit(std::string_view s, std::size_t from) {
        out += s;
        for (std::size_t i = 0; i < s.size(); ++i)
            if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) cp_src.push_back(base + static_cast<std::uint32_t>(from));
    }
    void error(Err e, std::vector<std::string> args, std::size_t b, std::size_t e_) {
        errors.push_back(PatternError{e, std::move(args), Span{base + static_cast<std::uint32_t>(b), base + static_cast<std::uint32_t>(e_)}});
        failed = true;
    }
    void add_capture(const std::string& name, CaptureType t, std::size_t b, std::size_t e) {
        for (const auto& c : captures)
            if (c.name == name) {
                error(Err::duplicate_capture, {name}, b, e);
                return;
            }
        captures.push_back(Capture{name, t});
    }
    // A non-ASCII literal character: normalised; ASCII metacharacters it maps to are escaped.
    void literal(char32_t cp, std::size_t at) {
        const std::string& m = norm.map(cp);
        for (char c : m) {
            if (is_meta(c)) emit(std::string{'\\', c}, at);
            else emit(std::string_view(&c, 1), at);
        }
    }

    void run() {
        std::size_t i = 0;
        while (i < src.size()) {
            const char c = src[i];
            if (c == '\\' && i + 1 < src.size()) {
                const char n = src[i + 1];
                if (static_cast<unsigned char>(n) >= 0x80) {  // \（ : an escaped non-ASCII literal
                    std::size_t j = i + 1;
                    const char32_t cp = utf8::next(src, j);
                    literal(cp, i);
                    i = j;
                } else if ((n == 'p' || n == 'P' || n == 'N' || n == 'x') && i + 2 < src.size() && src[i + 2] == '{') {
                    const std::size_t close = src.find('}', i + 3);
                    const std::size_t e = close == std::string_view::npos ? src.size() : close + 1;
                    emit(src.substr(i, e - i), i);
                    i = e;
                } else if (n == 'Q') {
                    const std::size_t close = src.find("\\E", i + 2);
                    const std::size_t e = close == std::string_view::npos ? src.size() : close + 2;
                    emit(src.substr(i, e - i), i);
                    i = e;
                } else {
                    emit(src.substr(i, 2), i);
                    i += 2;
                }
            } else if (c == '{' && i + 1 < src.size() && (ascii_alpha(src[i + 1]) || src[i + 1] == '_' ||
                                                           static_cast<unsigned char>(src[i + 1]) >= 0x80)) {
                i = macro(i);
            } else if (c == '(' && src.substr(i, 3) == "(?<" && i + 3 < src.size() && src[i + 3] != '=' &&
                       src[i + 3] != '!') {
                const std::size_t close = src.find('>', i + 3);
                if (close == std::string_view::npos) {  // let ICU complain
                    emit(src.substr(i), i);
                    i = src.size();
                    continue;
                }
                const std::string name(src.substr(i + 3, close - i - 3));
                if (!valid_capture_name(name)) error(Err::invalid_capture_name, {name}, i + 3, close);
                else add_capture(name, CaptureType::text, i + 3, close);
                emit(src.substr(i, close + 1 - i), i);
                i = close + 1;
            } else if (static_cast<unsigned char>(c) >= 0x80) {
                std::size_t j = i;
                const char32_t cp = utf8::next(src, j);
                literal(cp, i);
                i = j;
            } else {
                emit(src.substr(i, 1), i);
                ++i;
            }
        }
    }

    std::size_t macro(std::size_t at) {  // returns the offset after the macro
        const std::size_t close = src.find('}', at + 1);
        if (close == std::string_view::npos) {
            error(Err::unknown_macro, {std::string(src.substr(at + 1)), ""}, at, src.size());
            emit(src.substr(at), at);
            return src.size();
        }
        const std::string inner(src.substr(at + 1, close - at - 1));
        const std::size_t colon = inner.find(':');
        const std::string kind = inner.substr(0, colon);
        const std::string name = colon == std::string::npos ? std::string{} : inner.substr(colon + 1);
        std::string_view body;
        CaptureType type = CaptureType::text;
        bool wrap = true;
        if (kind == "year") body = kYear, type = CaptureType::year, wrap = false;
        else if (kind == "int") body = kInt, type = CaptureType::integer;
        else if (kind == "num") body = kNum, type = CaptureType::number, wrap = false;
        else if (kind == "date") body = kDate, type = CaptureType::date, wrap = false;
        else {
            error(Err::unknown_macro, {inner, did_you_mean(kind, {"year", "date", "int", "num"})}, at, close + 1);
            emit(src.substr(at, close + 1 - at), at);
            return close + 1;
        }
        if (colon != std::string::npos) {
            if (!valid_capture_name(name)) {
                error(Err::invalid_capture_name, {name}, at + 1 + colon + 1, close);
            } else {
                add_capture(name, type, at + 1 + colon + 1, close);
            }
            emit("(?<" + name + ">", at);
            emit(body, at);
            emit(")", at);
        } else if (wrap) {
            emit("(?:", at);
            emit(body, at);
            emit(")", at);
        } else {
            emit(body, at);
        }
        return close + 1;
    }
};

}  // namespace

std::shared_ptr<const Regex> compile_pattern(std::string_view source, std::uint32_t offset, CharNormalizer& norm,
                                             std::vector<PatternError>& errors) {
    Expander x{source, offset, norm, errors, {}, {}, {}, false};
    x.run();
    if (x.failed) return nullptr;
    UErrorCode status = U_ZERO_ERROR;
    UParseError perr{};
    std::unique_ptr<icu::RegexPattern> pat(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(x.out), UREGEX_MULTILINE, perr, status));
    if (U_FAILURE(status) || !pat) {
        // perr.offset: code point index in the expanded pattern's line (best effort).
        Span span{offset, offset + static_cast<std::uint32_t>(source.size())};
        if (perr.offset > 0) {
            const auto k = static_cast<std::size_t>(perr.offset - 1);
            if (k < x.cp_src.size()) {
                std::size_t j = x.cp_src[k] - offset;
                std::size_t e = j;
                if (e < source.size()) utf8::next(source, e);
                span = Span{x.cp_src[k], offset + static_cast<std::uint32_t>(e)};
            }
        }
        errors.push_back(PatternError{Err::invalid_pattern, {u_errorName(status)}, span});
        return nullptr;
    }
    auto r = std::make_shared<Regex>();
    r->source = std::string(source);
    r->expanded = std::move(x.out);
    r->captures = std::move(x.captures);
    r->pattern = std::shared_ptr<const icu::RegexPattern>(pat.release());
    return r;
}

}  // namespace nianbao::rules::detail
