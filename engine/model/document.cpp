// The document model: lines, tables, numbered headings, the section tree,
// numbering issues and dates.  See document.hpp for the contract.
#include "model/document.hpp"

#include <unicode/regex.h>
#include <unicode/utext.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/utf8.hpp"

namespace nianbao {

// ---------------------------------------------------------------------------
// Small text helpers
// ---------------------------------------------------------------------------
namespace {

bool is_space_cp(char32_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0x3000 || c == 0x00A0 ||
           c == 0xFEFF || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F;
}

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

// Trims whitespace (incl. U+3000) from both ends of a byte span of `t`.
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

struct Cp {
    char32_t cp;
    std::uint32_t off;  // byte offset of the code point within the decoded string
};

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

bool is_cjk_numeral_char(char32_t c) { return (cjk_digit(c) >= 1) || c == U'十'; }
bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_fw_digit(char32_t c) { return c >= U'０' && c <= U'９'; }
int digit_value(char32_t c) {
    if (is_ascii_digit(c)) return static_cast<int>(c - U'0');
    if (is_fw_digit(c)) return static_cast<int>(c - U'０');
    return -1;
}
bool is_open_paren(char32_t c) { return c == U'(' || c == U'（'; }
bool is_close_paren(char32_t c) { return c == U')' || c == U'）'; }
bool is_dot(char32_t c) { return c == U'.' || c == U'．'; }
bool is_dun(char32_t c) { return c == U'、'; }

// ---------------------------------------------------------------------------
// Heading markers
// ---------------------------------------------------------------------------
struct MarkerMatch {
    NumStyle style = NumStyle::cjk_dun;
    int number = 0;
    std::uint32_t marker_begin = 0, marker_end = 0;  // byte offsets in the line
    std::uint32_t text_begin = 0, text_end = 0;      // byte offsets in the line
};

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

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------
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

std::string_view to_string(NumStyle s) {
    switch (s) {
        case NumStyle::part: return "part";
        case NumStyle::cjk_dun: return "cjk_dun";
        case NumStyle::paren_cjk: return "paren_cjk";
        case NumStyle::arabic_dot: return "arabic_dot";
        case NumStyle::paren_arabic: return "paren_arabic";
    }
    return "?";
}

std::string_view to_string(TableLayout l) {
    switch (l) {
        case TableLayout::cell_per_line: return "cell_per_line";
        case TableLayout::markdown: return "markdown";
    }
    return "?";
}

// ---------------------------------------------------------------------------
// Document accessors
// ---------------------------------------------------------------------------
std::string_view Document::view_text(Span s) const {
    const std::string& t = view.text();
    std::size_t b = std::min<std::size_t>(s.begin, t.size());
    std::size_t e = std::min<std::size_t>(std::max(s.begin, s.end), t.size());
    return std::string_view(t).substr(b, e - b);
}

Span Document::body(int heading) const {
    if (heading < 0 || static_cast<std::size_t>(heading) >= headings.size()) return {};
    const Heading& h = headings[heading];
    auto text_size = static_cast<std::uint32_t>(view.text().size());
    std::uint32_t begin = h.line >= 1 && h.line <= lines.size() ? lines[h.line - 1].view.end : h.text.end;
    std::uint32_t end = text_size;
    for (std::size_t j = static_cast<std::size_t>(heading) + 1; j < headings.size(); ++j) {
        if (headings[j].level <= h.level) {
            end = headings[j].line >= 1 && headings[j].line <= lines.size() ? lines[headings[j].line - 1].view.begin
                                                                            : headings[j].marker.begin;
            break;
        }
    }
    if (end < begin) end = begin;
    return {begin, end};
}

Span Document::extent(int heading) const {
    if (heading < 0 || static_cast<std::size_t>(heading) >= headings.size()) return {};
    const Heading& h = headings[heading];
    Span b = body(heading);
    std::uint32_t begin = h.line >= 1 && h.line <= lines.size() ? lines[h.line - 1].view.begin : h.marker.begin;
    return {begin, b.end};
}

// ---------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------
namespace {

class Builder {
public:
    Builder(Document& doc, const SourceText& src) : d_(doc), src_(src), st_(src.text()), vt_(doc.view.text()) {}

    void run() {
        build_lines();
        build_tables();
        build_headings();
        build_numbering_issues();
        build_dates();
    }

private:
    Document& d_;
    const SourceText& src_;
    std::string_view st_;  // source text
    std::string_view vt_;  // view text

    std::string_view src_line(std::size_t idx) const {
        const Span& s = d_.lines[idx].src;
        return st_.substr(s.begin, s.size());
    }
    std::string_view view_line(std::size_t idx) const {
        const Span& s = d_.lines[idx].view;
        return vt_.substr(s.begin, s.size());
    }

    void build_lines() {
        std::uint32_t n = src_.line_count();
        auto vlines = static_cast<std::uint32_t>(d_.view.line_starts().size());
        d_.lines.reserve(n);
        for (std::uint32_t i = 1; i <= n; ++i) {
            Line l;
            l.number = i;
            l.src = src_.line_span(i);
            if (i <= vlines) {
                l.view = d_.view.line_span(i);
            } else {
                auto e = static_cast<std::uint32_t>(vt_.size());
                l.view = {e, e};
            }
            l.blank = is_blank(st_.substr(l.src.begin, l.src.size()));
            d_.lines.push_back(l);
        }
    }

    // ---- tables --------------------------------------------------------
    bool is_tab_line(std::size_t idx) const {
        std::string_view s = src_line(idx);
        return !s.empty() && s[0] == '\t';
    }
    bool is_md_line(std::size_t idx) const {
        std::string_view s = src_line(idx);
        std::size_t i = 0;
        while (i < s.size() && s[i] == ' ') ++i;
        return i < s.size() && s[i] == '|';
    }
    bool looks_like_top_heading(std::size_t idx) const {
        std::string_view v = view_line(idx);
        auto m = match_marker(v, skip_line_decoration(v));
        return m && (m->style == NumStyle::part || m->style == NumStyle::cjk_dun);
    }

    Cell cell_from_line(std::size_t idx) const {
        const Line& l = d_.lines[idx];
        Cell c;
        c.line = l.number;
        Span content{l.src.begin, l.src.end};
        if (content.begin < content.end && st_[content.begin] == '\t') ++content.begin;
        c.src = trim_span(st_, content);
        if (c.src.empty()) c.src = {content.begin, content.begin};
        c.view = l.view;
        c.text = std::string(view_line(idx));
        c.empty = c.text.empty();
        if (c.empty) c.view = {l.view.begin, l.view.begin};
        return c;
    }

    void extend_cell(Cell& c, std::size_t idx) const {
        const Line& l = d_.lines[idx];
        Span s = trim_span(st_, l.src);
        std::string_view v = view_line(idx);
        if (c.empty) {
            if (!v.empty()) {
                c.src = s;
                c.view = l.view;
                c.line = l.number;
            }
        } else {
            if (!s.empty()) c.src.end = s.end;
            if (!v.empty()) c.view.end = l.view.end;
        }
        c.text += v;
        c.empty = c.text.empty();
    }

    void build_tables() {
        std::size_t n = d_.lines.size();
        std::size_t i = 0;
        while (i < n) {
            if (is_md_line(i)) {
                std::size_t j = i;
                while (j < n && is_md_line(j)) ++j;
                add_markdown_table(i, j);
                i = j;
            } else if (is_tab_line(i)) {
                i = add_cell_table(i);
            } else {
                ++i;
            }
        }
    }

    // Returns the index of the first line after the run it consumed.
    std::size_t add_cell_table(std::size_t first) {
        std::size_t n = d_.lines.size();
        Table t;
        t.layout = TableLayout::cell_per_line;
        std::vector<Cell> row;
        bool pending_sep = false, prev_was_cell = false;
        std::size_t last = first;
        std::size_t j = first;
        for (; j < n; ++j) {
            if (is_tab_line(j)) {
                if (pending_sep && !row.empty()) {
                    t.rows.push_back(std::move(row));
                    row.clear();
                }
                pending_sep = false;
                row.push_back(cell_from_line(j));
                prev_was_cell = true;
                last = j;
            } else if (d_.lines[j].blank) {
                pending_sep = true;
                prev_was_cell = false;
            } else if (prev_was_cell && !row.empty() && !is_md_line(j) && !looks_like_top_heading(j)) {
                extend_cell(row.back(), j);  // wrapped label
                last = j;
            } else {
                break;
            }
        }
        if (!row.empty()) t.rows.push_back(std::move(row));
        bool grid = std::any_of(t.rows.begin(), t.rows.end(), [](const auto& r) { return r.size() >= 2; });
        if (!grid) return last + 1;  // tab-indented prose, not a table
        t.first_line = d_.lines[first].number;
        t.last_line = d_.lines[last].number;
        index_rows(t);
        auto idx = static_cast<int>(d_.tables.size());
        for (std::size_t k = first; k <= last; ++k) d_.lines[k].table = idx;
        d_.tables.push_back(std::move(t));
        return last + 1;
    }

    static bool is_separator_cell(std::string_view c) {
        std::size_t b = 0, e = c.size();
        while (b < e && (c[b] == ' ' || c[b] == '\t')) ++b;
        while (e > b && (c[e - 1] == ' ' || c[e - 1] == '\t')) --e;
        c = c.substr(b, e - b);
        if (c.empty()) return true;
        if (c.front() == ':') c.remove_prefix(1);
        if (!c.empty() && c.back() == ':') c.remove_suffix(1);
        return !c.empty() && c.find_first_not_of('-') == std::string_view::npos;
    }

    void add_markdown_table(std::size_t first, std::size_t end) {
        Table t;
        t.layout = TableLayout::markdown;
        for (std::size_t k = first; k < end; ++k) {
            const Line& l = d_.lines[k];
            Span ts = trim_span(st_, l.src);
            std::size_t p = ts.begin;
            while (p < ts.end && st_[p] != '|') ++p;
            std::size_t b = p + 1, e = ts.end;
            if (e > b && st_[e - 1] == '|' && st_[e - 2] != '\\') --e;
            if (e < b) e = b;
            // Split on unescaped '|'.
            std::vector<Span> parts;
            std::size_t cs = b;
            for (std::size_t q = b; q < e; ++q) {
                if (st_[q] == '\\' && q + 1 < e) {
                    ++q;
                    continue;
                }
                if (st_[q] == '|') {
                    parts.push_back({static_cast<std::uint32_t>(cs), static_cast<std::uint32_t>(q)});
                    cs = q + 1;
                }
            }
            parts.push_back({static_cast<std::uint32_t>(cs), static_cast<std::uint32_t>(e)});
            bool sep = std::all_of(parts.begin(), parts.end(),
                                   [&](Span s) { return is_separator_cell(st_.substr(s.begin, s.size())); }) &&
                       std::any_of(parts.begin(), parts.end(), [&](Span s) {
                           return st_.substr(s.begin, s.size()).find('-') != std::string_view::npos;
                       });
            if (sep) continue;
            std::vector<Cell> row;
            for (Span part : parts) row.push_back(md_cell(l, part));
            t.rows.push_back(std::move(row));
        }
        t.first_line = d_.lines[first].number;
        t.last_line = d_.lines[end - 1].number;
        index_rows(t);
        auto idx = static_cast<int>(d_.tables.size());
        for (std::size_t k = first; k < end; ++k) d_.lines[k].table = idx;
        d_.tables.push_back(std::move(t));
    }

    Cell md_cell(const Line& l, Span part) const {
        Cell c;
        c.line = l.number;
        c.src = trim_span(st_, part);
        if (c.src.empty()) c.src = {part.begin, part.begin};
        std::uint32_t vb = d_.view.from_source(c.src.begin);
        std::uint32_t ve = c.src.empty() ? vb : d_.view.from_source(c.src.end);
        vb = std::clamp(vb, l.view.begin, l.view.end);
        ve = std::clamp(ve, vb, l.view.end);
        while (ve > vb && vt_[ve - 1] == ' ') --ve;
        while (vb < ve && vt_[vb] == ' ') ++vb;
        c.view = {vb, ve};
        std::string_view v = vt_.substr(vb, ve - vb);
        c.text.reserve(v.size());
        for (std::size_t q = 0; q < v.size(); ++q) {
            if (v[q] == '\\' && q + 1 < v.size() && v[q + 1] == '|') continue;
            c.text += v[q];
        }
        c.empty = c.text.empty();
        return c;
    }

    static void index_rows(Table& t) {
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
                t.rows[r][c].row = static_cast<int>(r);
                t.rows[r][c].col = static_cast<int>(c);
            }
        }
    }

    // True when the line ends with two or more whitespace-separated numbers
    // (or dashes): the values of a table row printed as text.
    static bool ends_with_value_run(std::string_view line, bool allow_only_values = false) {
        std::vector<std::string_view> tokens;
        std::size_t i = 0;
        while (i < line.size()) {
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
            std::size_t b = i;
            while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
            if (i > b) tokens.push_back(line.substr(b, i - b));
        }
        auto is_value = [](std::string_view t) {
            if (t == "-" || t == "/" || t == "\xE2\x80\x94" || t == "\xE2\x80\x93") return true;
            bool digit = false;
            for (char c : t) {
                if (c >= '0' && c <= '9') digit = true;
                else if (c != '.' && c != ',' && c != '-') return false;
            }
            return digit;
        };
        std::size_t run = 0;
        for (auto it = tokens.rbegin(); it != tokens.rend() && is_value(*it); ++it) ++run;
        return run >= 2 && (allow_only_values || run < tokens.size());
    }

    // ---- headings ------------------------------------------------------
    void build_headings() {
        std::vector<int> stack;  // indices of open headings
        auto& H = d_.headings;
        // Rows of a table printed as text ("一、某项数量  21   0   0"), and group labels
        // sandwiched between such rows ("（四）无法提供"), are not headings.
        std::vector<bool> value_row(d_.lines.size(), false), values_only(d_.lines.size(), false);
        for (std::size_t i = 0; i < d_.lines.size(); ++i) {
            std::string_view text = st_.substr(d_.lines[i].src.begin, d_.lines[i].src.size());
            value_row[i] = !d_.lines[i].blank && ends_with_value_run(text);
            values_only[i] = !d_.lines[i].blank && ends_with_value_run(text, true);
        }
        auto neighbour_is_value_row = [&](std::size_t i, int dir) {
            for (long j = static_cast<long>(i) + dir; j >= 0 && j < static_cast<long>(d_.lines.size()); j += dir) {
                const Line& o = d_.lines[static_cast<std::size_t>(j)];
                if (o.blank || is_page_number_line(st_.substr(o.src.begin, o.src.size()))) continue;
                return static_cast<bool>(values_only[static_cast<std::size_t>(j)]);
            }
            return false;
        };
        for (const Line& l : d_.lines) {
            if (l.blank || l.table >= 0) continue;
            std::string_view v = vt_.substr(l.view.begin, l.view.size());
            auto m = match_marker(v, skip_line_decoration(v));
            if (!m) continue;
            std::size_t li = l.number - 1;
            if (value_row[li] || (neighbour_is_value_row(li, -1) && neighbour_is_value_row(li, +1))) continue;
            // a one-character "title" among table rows is a fragment of a label printed
            // vertically ("（六）其" over "他处理")
            if (utf8::length(vt_.substr(l.view.begin + m->text_begin, m->text_end - m->text_begin)) < 2) {
                bool near_values = false;
                for (long j = static_cast<long>(li) - 3; j <= static_cast<long>(li) + 3; ++j)
                    if (j >= 0 && j < static_cast<long>(d_.lines.size()) && values_only[static_cast<std::size_t>(j)])
                        near_values = true;
                if (near_values) continue;
            }
            Heading h;
            h.line = l.number;
            h.style = m->style;
            h.number = m->number;
            h.level = default_level(m->style);
            h.marker = {l.view.begin + m->marker_begin, l.view.begin + m->marker_end};
            h.text = {l.view.begin + m->text_begin, l.view.begin + m->text_end};
            h.title = title_of(h.text);

            // Mixed numerals: （一） （2） （3） （四）, 一、 2. 3. 四、 and the reverse.
            int cl = counterpart_level(h.style);
            if (cl >= 0 && h.number > 1 && !stack.empty()) {
                const Heading& top = H[stack.back()];
                if (top.level == cl && top.number == h.number - 1) {
                    int np = parent_for(stack, h.level);
                    // Only when it cannot continue a list of its own style.
                    bool own_list = std::any_of(H.begin(), H.end(), [&](const Heading& o) {
                        return o.parent == np && o.level == h.level;
                    });
                    if (!own_list) {
                        h.mixed_numerals = true;
                        h.level = cl;
                    }
                }
            }
            while (!stack.empty() && H[stack.back()].level >= h.level) stack.pop_back();
            h.parent = stack.empty() ? -1 : stack.back();
            stack.push_back(static_cast<int>(H.size()));
            H.push_back(h);
        }
    }

    int parent_for(const std::vector<int>& stack, int level) const {
        for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            if (d_.headings[*it].level < level) return *it;
        }
        return -1;
    }

    Span title_of(Span text) const {
        std::string_view t = vt_.substr(text.begin, text.size());
        std::size_t cut = t.size();
        for (std::string_view stop : {"。", "：", ":", ";", "；"}) {
            auto p = t.find(stop);
            if (p != std::string_view::npos) cut = std::min(cut, p);
        }
        while (cut > 0 && t[cut - 1] == ' ') --cut;
        return {text.begin, static_cast<std::uint32_t>(text.begin + cut)};
    }

    // ---- numbering issues ---------------------------------------------
    void build_numbering_issues() {
        const auto& H = d_.headings;
        std::map<std::pair<int, int>, std::vector<int>> lists;  // (parent, level) -> headings
        std::vector<std::pair<int, int>> order;
        for (std::size_t i = 0; i < H.size(); ++i) {
            auto key = std::make_pair(H[i].parent, H[i].level);
            auto& v = lists[key];
            if (v.empty()) order.push_back(key);
            v.push_back(static_cast<int>(i));
        }
        std::vector<NumberingIssue> issues;
        for (const auto& key : order) {
            const std::vector<int>& items = lists[key];
            int dom = items.front();
            for (int i : items) {
                if (!H[i].mixed_numerals) {
                    dom = i;
                    break;
                }
            }
            NumStyle style = H[dom].style;
            std::string tmpl(d_.view_text(H[dom].marker));
            auto expect = [&](int n) { return format_marker(style, n, tmpl); };
            auto issue = [&](const char* kind, int i, std::string expected) {
                issues.push_back({kind, i, std::string(d_.view_text(H[i].marker)), std::move(expected)});
            };
            int prev = 0;
            std::set<int> seen;
            for (std::size_t k = 0; k < items.size(); ++k) {
                int i = items[k];
                int num = H[i].number;
                if (H[i].mixed_numerals) issue("numerals", i, expect(num));
                if (k == 0) {
                    // A list that does not start at 1 -- unless it is a lone
                    // item followed by a restart (a fragment, or a table row
                    // such as "5." flattened into the text).
                    bool lone = items.size() < 2 || H[items[1]].number == 1;
                    if (num != 1 && !lone) issue("start", i, expect(1));
                } else if (num == prev + 1) {
                    // in sequence
                } else if (num == 1) {
                    seen.clear();  // a new list restarts at 1
                } else if (num == prev || seen.count(num)) {
                    issue("duplicate", i, std::string(d_.view_text(H[i].marker)));
                } else {
                    issue("gap", i, expect(prev + 1));
                }
                prev = num;
                seen.insert(num);
            }
        }
        std::stable_sort(issues.begin(), issues.end(),
                         [](const NumberingIssue& a, const NumberingIssue& b) { return a.heading < b.heading; });
        d_.numbering_issues = std::move(issues);
    }

    // ---- dates -----------------------------------------------------------
    void build_dates() {
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
        UText* ut = utext_openUTF8(nullptr, vt_.data(), static_cast<int64_t>(vt_.size()), &st);
        std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(st));
        if (U_FAILURE(st) || !m) {
            utext_close(ut);
            return;
        }
        m->reset(ut);
        while (m->find(st) && U_SUCCESS(st)) {
            auto b = static_cast<std::uint32_t>(m->start64(st));
            auto e = static_cast<std::uint32_t>(m->end64(st));
            if (auto date = parse_date(vt_.substr(b, e - b))) d_.dates.push_back({{b, e}, *date});
        }
        utext_close(ut);
    }
};

}  // namespace

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

Document build_document(const SourceText& src, CharNormalizer& norm) {
    Document doc;
    doc.source = &src;
    doc.view = build_view(src, norm);
    Builder(doc, src).run();
    return doc;
}

}  // namespace nianbao
