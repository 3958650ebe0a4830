// Numbered-heading markers: see markers.hpp.
#include "model/markers.hpp"

#include <vector>

#include "model/text.hpp"

namespace nianbao::model {

int default_level(NumStyle s) {
    switch (s) {
        case NumStyle::part: return 0;
        case NumStyle::cjk_dun: return 1;
        case NumStyle::paren_cjk: return 2;
        case NumStyle::arabic_dot: return 3;
        case NumStyle::paren_arabic: return 4;
    }
    return 1;
}

// Level of the style whose lists this style may continue (（2） among （一）…).
int counterpart_level(NumStyle s) {
    switch (s) {
        case NumStyle::cjk_dun: return default_level(NumStyle::arabic_dot);
        case NumStyle::arabic_dot: return default_level(NumStyle::cjk_dun);
        case NumStyle::paren_cjk: return default_level(NumStyle::paren_arabic);
        case NumStyle::paren_arabic: return default_level(NumStyle::paren_cjk);
        case NumStyle::part: return -1;
    }
    return -1;
}

// Offset where the heading proper starts: skips markdown '#' heading marks,
// '**' bold marks and spaces.
std::size_t skip_line_decoration(std::string_view line) {
    // The view drops the space between "##" and CJK text ("## 一、" -> "##一、"),
    // so no space is required after the hashes.
    std::size_t i = 0;
    while (i < line.size() && line[i] == '#') ++i;
    for (;;) {
        std::size_t before = i;
        while (i < line.size() && line[i] == ' ') ++i;
        while (i + 1 < line.size() && line[i] == '*' && line[i + 1] == '*') i += 2;
        if (i == before) break;
    }
    return i;
}

// Matches a numbered-heading marker at the start of `line` (view text of one
// line, decorations already skipped from `start`).
std::optional<MarkerMatch> match_marker(std::string_view line, std::size_t start) {
    std::string_view rest = line.substr(start);
    std::vector<Cp> cps = decode(rest);
    if (cps.empty()) return std::nullopt;
    auto off = [&](std::size_t k) -> std::uint32_t {
        return static_cast<std::uint32_t>(start + (k < cps.size() ? cps[k].off : rest.size()));
    };
    MarkerMatch m;
    std::size_t k = 0;  // index just after the marker
    if (cps[0].cp == U'第') {
        std::u32string num;
        k = 1;
        while (k < cps.size() && (cjk_digit(cps[k].cp) >= 0 || cps[k].cp == U'十' || cps[k].cp == U'百')) num += cps[k++].cp;
        if (num.empty()) return std::nullopt;
        if (k + 1 < cps.size() && cps[k].cp == U'部' && cps[k + 1].cp == U'分') {
            k += 2;
        } else if (k < cps.size() && cps[k].cp == U'章') {
            k += 1;
        } else {
            return std::nullopt;
        }
        m.style = NumStyle::part;
        m.number = cjk_number_lenient(num);
    } else if (is_cjk_numeral_char(cps[0].cp)) {
        std::u32string num;
        while (k < cps.size() && is_cjk_numeral_char(cps[k].cp)) num += cps[k++].cp;
        if (k >= cps.size()) return std::nullopt;
        if (is_dun(cps[k].cp)) {
            ++k;
        } else if (is_dot(cps[k].cp)) {
            ++k;
            if (k < cps.size() && digit_value(cps[k].cp) >= 0) return std::nullopt;
        } else {
            return std::nullopt;
        }
        m.style = NumStyle::cjk_dun;
        m.number = cjk_number(num);
    } else if (is_open_paren(cps[0].cp)) {
        k = 1;
        if (k < cps.size() && digit_value(cps[k].cp) >= 0) {
            int n = 0, nd = 0;
            while (k < cps.size() && digit_value(cps[k].cp) >= 0) {
                if (nd < 3) n = n * 10 + digit_value(cps[k].cp);
                ++nd;
                ++k;
            }
            if (nd > 2 || k >= cps.size() || !is_close_paren(cps[k].cp)) return std::nullopt;
            ++k;
            m.style = NumStyle::paren_arabic;
            m.number = n;
        } else {
            std::u32string num;
            while (k < cps.size() && is_cjk_numeral_char(cps[k].cp)) num += cps[k++].cp;
            if (num.empty() || k >= cps.size() || !is_close_paren(cps[k].cp)) return std::nullopt;
            ++k;
            m.style = NumStyle::paren_cjk;
            m.number = cjk_number(num);
        }
    } else if (digit_value(cps[0].cp) >= 0) {
        int n = 0, nd = 0;
        while (k < cps.size() && digit_value(cps[k].cp) >= 0) {
            if (nd < 3) n = n * 10 + digit_value(cps[k].cp);
            ++nd;
            ++k;
        }
        if (nd > 2 || k >= cps.size()) return std::nullopt;
        if (!is_dot(cps[k].cp) && !is_dun(cps[k].cp)) return std::nullopt;
        ++k;
        if (k < cps.size() && digit_value(cps[k].cp) >= 0) return std::nullopt;  // 2.5万, 2017.12
        m.style = NumStyle::arabic_dot;
        m.number = n;
    } else {
        return std::nullopt;
    }
    if (m.number < 1 || m.number > 99) {
        if (m.style != NumStyle::part || m.number < 1) return std::nullopt;
    }
    m.marker_begin = off(0);
    m.marker_end = off(k);
    // Text after the marker: skip spaces and one separator (第一部分：标题).
    std::size_t t = k;
    while (t < cps.size() && is_space_cp(cps[t].cp)) ++t;
    if (t < cps.size() && (cps[t].cp == U'、' || cps[t].cp == U':' || cps[t].cp == U'：')) {
        ++t;
        while (t < cps.size() && is_space_cp(cps[t].cp)) ++t;
    }
    std::size_t e = cps.size();
    while (e > t && (is_space_cp(cps[e - 1].cp) || cps[e - 1].cp == U'*' || cps[e - 1].cp == U'#')) --e;
    if (e <= t) return std::nullopt;  // a marker alone on its line is not a heading
    m.text_begin = off(t);
    m.text_end = off(e);
    return m;
}

std::string format_marker(NumStyle style, int n, std::string_view tmpl) {
    switch (style) {
        case NumStyle::part: {
            bool chapter = tmpl.ends_with("章");
            return "第" + cjk_numeral(n) + (chapter ? "章" : "部分");
        }
        case NumStyle::cjk_dun: return cjk_numeral(n) + (tmpl.ends_with(".") ? "." : "、");
        case NumStyle::paren_cjk: return "(" + cjk_numeral(n) + ")";
        case NumStyle::arabic_dot: return std::to_string(n) + (tmpl.ends_with("、") ? "、" : ".");
        case NumStyle::paren_arabic: return "(" + std::to_string(n) + ")";
    }
    return {};
}

}  // namespace nianbao::model
