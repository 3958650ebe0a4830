// Numbered headings and the section tree: every line that starts with a
// numbering marker (markers.hpp) and is not a row of a table, placed under
// the nearest heading of a lower level; and, in a report written on one long
// line, the parts 一、 二、 … inside it (in_line_parts).
#include <algorithm>
#include <vector>

#include "core/utf8.hpp"
#include "model/build.hpp"
#include "model/markers.hpp"

namespace nianbao::model {

namespace {

// True when the line ends with two or more whitespace-separated numbers
// (or dashes): the values of a table row printed as text.
bool ends_with_value_run(std::string_view line, bool allow_only_values = false) {
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

int parent_for(const Document& d, const std::vector<int>& stack, int level) {
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        if (d.headings[*it].level < level) return *it;
    }
    return -1;
}

Span title_of(std::string_view vt, Span text) {
    std::string_view t = vt.substr(text.begin, text.size());
    std::size_t cut = t.size();
    for (std::string_view stop : {"。", "：", ":", ";", "；"}) {
        auto p = t.find(stop);
        if (p != std::string_view::npos) cut = std::min(cut, p);
    }
    while (cut > 0 && t[cut - 1] == ' ') --cut;
    return {text.begin, static_cast<std::uint32_t>(text.begin + cut)};
}

// A whole page's text on one line (a crawler's text of a web page): the
// numbered parts 一、 二、 三、 … are inside the line.  A candidate is a
// cjk_dun marker not continuing a numeral (十一、 第二、) and not followed,
// within 16 code points, by a run of ASCII digits other than a year ("一、某项
// 申请640020470" is a table row whose cells are glued); the parts are the chain
// 一、 二、 三、 … of consecutive numbers, each the first candidate after the
// previous one.  Fewer than three is no chain.
constexpr std::size_t kInLineMinBytes = 1500;

bool digits_follow(std::string_view v, std::size_t from) {
    std::size_t i = from;
    for (int cps = 0; i < v.size() && cps < 16; ++cps) {
        if (v[i] >= '0' && v[i] <= '9') {
            while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
            return !v.substr(i).starts_with("年");
        }
        utf8::next(v, i);
    }
    return false;
}

std::vector<MarkerMatch> in_line_parts(std::string_view v) {
    std::vector<MarkerMatch> chain;
    char32_t prev = 0;
    for (std::size_t i = 0; i < v.size();) {
        const std::size_t at = i;
        const char32_t c = utf8::next(v, i);
        const bool numeral_before = prev == U'第' || std::u32string_view(U"〇一二三四五六七八九十百").find(prev) !=
                                                          std::u32string_view::npos;
        prev = c;
        if (numeral_before) continue;
        auto m = match_marker(v, at);
        if (!m || m->style != NumStyle::cjk_dun || m->number != static_cast<int>(chain.size()) + 1) continue;
        if (digits_follow(v, m->marker_end)) continue;
        chain.push_back(*m);
    }
    if (chain.size() < 3) return {};
    for (std::size_t k = 0; k < chain.size(); ++k)
        chain[k].text_end = k + 1 < chain.size() ? chain[k + 1].marker_begin : static_cast<std::uint32_t>(v.size());
    return chain;
}

}  // namespace

void build_headings(Build& b) {
    std::vector<int> stack;  // indices of open headings
    auto& H = b.d.headings;
    // Rows of a table printed as text ("一、某项数量  21   0   0"), and group labels
    // sandwiched between such rows ("（四）无法提供"), are not headings.
    std::vector<bool> value_row(b.d.lines.size(), false), values_only(b.d.lines.size(), false);
    for (std::size_t i = 0; i < b.d.lines.size(); ++i) {
        std::string_view text = b.st.substr(b.d.lines[i].src.begin, b.d.lines[i].src.size());
        value_row[i] = !b.d.lines[i].blank && ends_with_value_run(text);
        values_only[i] = !b.d.lines[i].blank && ends_with_value_run(text, true);
    }
    auto neighbour_is_value_row = [&](std::size_t i, int dir) {
        for (long j = static_cast<long>(i) + dir; j >= 0 && j < static_cast<long>(b.d.lines.size()); j += dir) {
            const Line& o = b.d.lines[static_cast<std::size_t>(j)];
            if (o.blank || is_page_number_line(b.st.substr(o.src.begin, o.src.size()))) continue;
            return static_cast<bool>(values_only[static_cast<std::size_t>(j)]);
        }
        return false;
    };
    // Parts inside a line are looked for only in a report whose lines begin no two parts.
    std::size_t part_lines = 0;
    for (const Line& l : b.d.lines) {
        if (l.blank || l.table >= 0) continue;
        std::string_view v = b.vt.substr(l.view.begin, l.view.size());
        auto m = match_marker(v, skip_line_decoration(v));
        if (m && (m->style == NumStyle::part || m->style == NumStyle::cjk_dun)) ++part_lines;
    }
    for (const Line& l : b.d.lines) {
        if (l.blank || l.table >= 0) continue;
        std::string_view v = b.vt.substr(l.view.begin, l.view.size());
        if (part_lines < 2 && v.size() >= kInLineMinBytes) {
            std::vector<MarkerMatch> parts = in_line_parts(v);
            for (const MarkerMatch& m : parts) {
                Heading h;
                h.line = l.number;
                h.style = m.style;
                h.number = m.number;
                h.level = default_level(m.style);
                h.marker = {l.view.begin + m.marker_begin, l.view.begin + m.marker_end};
                h.text = {l.view.begin + m.text_begin, l.view.begin + m.text_end};
                h.title = title_of(b.vt, h.text);
                h.in_line = true;
                while (!stack.empty() && H[stack.back()].level >= h.level) stack.pop_back();
                h.parent = stack.empty() ? -1 : stack.back();
                stack.push_back(static_cast<int>(H.size()));
                H.push_back(h);
            }
            if (!parts.empty()) continue;
        }
        auto m = match_marker(v, skip_line_decoration(v));
        if (!m) continue;
        std::size_t li = l.number - 1;
        if (value_row[li] || (neighbour_is_value_row(li, -1) && neighbour_is_value_row(li, +1))) continue;
        // a one-character "title" among table rows is a fragment of a label printed
        // vertically ("（六）其" over "他处理")
        if (utf8::length(b.vt.substr(l.view.begin + m->text_begin, m->text_end - m->text_begin)) < 2) {
            bool near_values = false;
            for (long j = static_cast<long>(li) - 3; j <= static_cast<long>(li) + 3; ++j)
                if (j >= 0 && j < static_cast<long>(b.d.lines.size()) && values_only[static_cast<std::size_t>(j)])
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
        h.title = title_of(b.vt, h.text);

        // Mixed numerals: （一） （2） （3） （四）, 一、 2. 3. 四、 and the reverse.
        int cl = counterpart_level(h.style);
        if (cl >= 0 && h.number > 1 && !stack.empty()) {
            const Heading& top = H[stack.back()];
            if (top.level == cl && top.number == h.number - 1) {
                int np = parent_for(b.d, stack, h.level);
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

}  // namespace nianbao::model
