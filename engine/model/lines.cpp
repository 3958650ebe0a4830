// Lines: one Line per source line, with its place in the source and in the
// view; and the lines that are nothing but a page number.
#include <vector>

#include "model/build.hpp"
#include "model/text.hpp"

namespace nianbao {

namespace model {

void build_lines(Build& b) {
    Document& d = b.d;
    std::uint32_t n = b.src.line_count();
    auto vlines = static_cast<std::uint32_t>(d.view.line_starts().size());
    d.lines.reserve(n);
    for (std::uint32_t i = 1; i <= n; ++i) {
        Line l;
        l.number = i;
        l.src = b.src.line_span(i);
        if (i <= vlines) {
            l.view = d.view.line_span(i);
        } else {
            auto e = static_cast<std::uint32_t>(b.vt.size());
            l.view = {e, e};
        }
        l.blank = is_blank(b.st.substr(l.src.begin, l.src.size()));
        d.lines.push_back(l);
    }
}

}  // namespace model

using model::Cp;
using model::decode;
using model::is_ascii_digit;
using model::is_space_cp;

bool is_page_number_line(std::string_view line) {
    std::vector<Cp> cps = decode(line);
    std::size_t b = 0, e = cps.size();
    while (b < e && is_space_cp(cps[b].cp)) ++b;
    while (e > b && is_space_cp(cps[e - 1].cp)) --e;
    auto is_dash = [](char32_t c) {
        return c == U'-' || c == U'\u2014' || c == U'\u2013' || c == U'\u2012' || c == U'\u2212' || c == U'\uFF0D' ||
               c == U'\u2015';
    };
    std::size_t k = b;
    auto skip_spaces = [&] {
        while (k < e && is_space_cp(cps[k].cp)) ++k;
    };
    auto digits = [&] {
        std::size_t s = k;
        while (k < e && is_ascii_digit(cps[k].cp)) ++k;
        return k - s;
    };
    if (b == e) return false;
    // — 4 —   - 4 -   -4-
    if (is_dash(cps[k].cp)) {
        while (k < e && is_dash(cps[k].cp)) ++k;
        skip_spaces();
        std::size_t n = digits();
        if (n == 0 || n > 4) return false;
        skip_spaces();
        if (k == e || !is_dash(cps[k].cp)) return false;
        while (k < e && is_dash(cps[k].cp)) ++k;
        return k == e;
    }
    // 第 4 页 (共 12 页)
    if (cps[k].cp == U'第') {
        ++k;
        skip_spaces();
        std::size_t n = digits();
        if (n == 0 || n > 4) return false;
        skip_spaces();
        if (k == e || cps[k].cp != U'页') return false;
        ++k;
        skip_spaces();
        if (k == e) return true;
        if (cps[k].cp == U'，' || cps[k].cp == U',') ++k, skip_spaces();
        if (k == e || cps[k].cp != U'共') return false;
        ++k;
        skip_spaces();
        if (digits() == 0) return false;
        skip_spaces();
        return k + 1 == e && cps[k].cp == U'页';
    }
    // 4/12
    std::size_t n = digits();
    if (n == 0 || n > 4) return false;
    skip_spaces();
    if (k == e || cps[k].cp != U'/') return false;
    ++k;
    skip_spaces();
    std::size_t m = digits();
    return m > 0 && m <= 4 && k == e;
}

}  // namespace nianbao
