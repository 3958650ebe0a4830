// Dates: parsing the forms reports write them in, and finding them in the
// view.  See document.hpp (parse_date, date_regex, format_date).
#include <unicode/regex.h>
#include <unicode/utext.h>

#include <memory>
#include <stdexcept>

#include "model/build.hpp"
#include "model/text.hpp"

namespace nianbao {

namespace {

using model::Cp;
using model::cjk_digit;
using model::cjk_number;
using model::decode;
using model::is_ascii_digit;
using model::is_cjk_numeral_char;

const char* const kCjkYearDigit = "[〇零○一二三四五六七八九]";
const char* const kCjkMonth = "(?:十[一二]?|[一二三四五六七八九])";
const char* const kCjkDay = "(?:三十一?|[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])";

std::string build_date_regex() {
    std::string y = std::string(kCjkYearDigit);
    std::string r = "(?<![0-9])(?:";
    r += "[0-9]{4}年[0-9]{1,2}月(?:[0-9]{1,2}日)?";
    r += "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])";
    r += "|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}(?![0-9])";
    r += "|[0-9]{4}\\.[0-9]{1,2}\\.[0-9]{1,2}(?![0-9])";
    r += "|" + y + "{4}年" + kCjkMonth + "月(?:" + kCjkDay + "日)?";
    r += ")";
    return r;
}

// Parses a CJK month/day numeral (一 … 三十一).
int parse_cjk_small(const std::u32string& s) { return cjk_number(s); }

bool valid_date(const Date& d) {
    if (d.year < 1900 || d.year > 2100) return false;
    if (d.month < 1 || d.month > 12) return false;
    if (d.day < 0 || d.day > 31) return false;
    return true;
}

}  // namespace

const std::string& date_regex() {
    static const std::string r = build_date_regex();
    return r;
}

std::optional<Date> parse_date(std::string_view s) {
    std::vector<Cp> cps = decode(s);
    std::size_t n = cps.size();
    auto read_ascii = [&](std::size_t& k, std::size_t min_d, std::size_t max_d, int& out) {
        std::size_t b = k;
        int v = 0;
        while (k < n && is_ascii_digit(cps[k].cp) && k - b < max_d) v = v * 10 + static_cast<int>(cps[k++].cp - U'0');
        if (k - b < min_d) return false;
        if (k < n && is_ascii_digit(cps[k].cp)) return false;
        out = v;
        return true;
    };
    Date d;
    std::size_t k = 0;
    if (n == 0) return std::nullopt;
    if (is_ascii_digit(cps[0].cp)) {
        if (!read_ascii(k, 4, 4, d.year) || k >= n) return std::nullopt;
        char32_t sep = cps[k].cp;
        ++k;
        if (sep == U'年') {
            if (!read_ascii(k, 1, 2, d.month) || k >= n || cps[k].cp != U'月') return std::nullopt;
            ++k;
            if (k < n) {
                if (!read_ascii(k, 1, 2, d.day) || k >= n || cps[k].cp != U'日') return std::nullopt;
                ++k;
                if (d.day < 1) return std::nullopt;
            }
        } else if (sep == U'-' || sep == U'/' || sep == U'.') {
            if (!read_ascii(k, 1, 2, d.month) || k >= n || cps[k].cp != sep) return std::nullopt;
            ++k;
            if (!read_ascii(k, 1, 2, d.day)) return std::nullopt;
            if (d.day < 1) return std::nullopt;
        } else {
            return std::nullopt;
        }
    } else {
        int y = 0;
        for (; k < 4; ++k) {
            if (k >= n) return std::nullopt;
            int dv = cjk_digit(cps[k].cp);
            if (dv < 0) return std::nullopt;
            y = y * 10 + dv;
        }
        d.year = y;
        if (k >= n || cps[k].cp != U'年') return std::nullopt;
        ++k;
        std::u32string mon;
        while (k < n && is_cjk_numeral_char(cps[k].cp)) mon += cps[k++].cp;
        if (k >= n || cps[k].cp != U'月') return std::nullopt;
        ++k;
        d.month = parse_cjk_small(mon);
        if (d.month < 1) return std::nullopt;
        if (k < n) {
            std::u32string day;
            while (k < n && is_cjk_numeral_char(cps[k].cp)) day += cps[k++].cp;
            if (k >= n || cps[k].cp != U'日') return std::nullopt;
            ++k;
            d.day = parse_cjk_small(day);
            if (d.day < 1) return std::nullopt;
        }
    }
    if (k != n) return std::nullopt;
    if (!valid_date(d)) return std::nullopt;
    return d;
}

std::string format_date(const Date& d) {
    std::string s = std::to_string(d.year) + "年";
    if (d.month > 0) {
        s += std::to_string(d.month) + "月";
        if (d.day > 0) s += std::to_string(d.day) + "日";
    }
    return s;
}

namespace model {

void build_dates(Document& d) {
    std::string_view vt = d.view.text();
    static const std::unique_ptr<icu::RegexPattern> pattern = [] {
        UErrorCode st = U_ZERO_ERROR;
        UParseError pe;
        UText* ut = utext_openUTF8(nullptr, date_regex().data(), static_cast<int64_t>(date_regex().size()), &st);
        std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(ut, 0, pe, st));
        utext_close(ut);
        if (U_FAILURE(st)) throw std::runtime_error("date_regex does not compile");
        return p;
    }();
    UErrorCode st = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, vt.data(), static_cast<int64_t>(vt.size()), &st);
    std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(st));
    if (U_FAILURE(st) || !m) {
        utext_close(ut);
        return;
    }
    m->reset(ut);
    while (m->find(st) && U_SUCCESS(st)) {
        auto b = static_cast<std::uint32_t>(m->start64(st));
        auto e = static_cast<std::uint32_t>(m->end64(st));
        if (auto date = parse_date(vt.substr(b, e - b))) d.dates.push_back({{b, e}, *date});
    }
    utext_close(ut);
}

}  // namespace model

}  // namespace nianbao
