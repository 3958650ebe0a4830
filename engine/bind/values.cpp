// Values of table cells: see values.hpp.
#include "bind/values.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include "bind/labels.hpp"

namespace nianbao::bind {

using label::decode32;
using label::is_digit;
using label::is_han;

namespace {
const std::string_view kUnits[] = {"万元", "人次", "元", "件", "条", "个", "次", "人", "篇", "期", "份"};
}  // namespace

bool is_dash_text(std::string_view t) {
    static const std::string_view kDash[] = {"-", "--", "—", "——", "–", "―", "/", "／", "无", "－", "\u2212"};
    return std::find(std::begin(kDash), std::end(kDash), t) != std::end(kDash);
}

// "0", "96171.6", "1,234", "-3", "96171.6万元", "22(其中修订16件)".
std::optional<Parsed> parse_value(std::string_view t) {
    if (t.empty()) return std::nullopt;
    if (is_dash_text(t)) {
        Parsed p;
        p.state = CellState::dash;
        return p;
    }
    std::size_t i = 0;
    std::string num;
    if (t[i] == '-') num += t[i++];
    if (i >= t.size() || !is_digit(static_cast<unsigned char>(t[i]))) return std::nullopt;
    while (i < t.size() && (is_digit(static_cast<unsigned char>(t[i])) || t[i] == ',')) {
        if (t[i] != ',') num += t[i];
        ++i;
    }
    if (t[i - 1] == ',') return std::nullopt;
    if (i + 1 < t.size() && t[i] == '.' && is_digit(static_cast<unsigned char>(t[i + 1]))) {
        num += t[i++];
        while (i < t.size() && is_digit(static_cast<unsigned char>(t[i]))) num += t[i++];
    }
    Parsed p;
    p.state = CellState::number;
    p.number = std::strtod(num.c_str(), nullptr);
    std::string_view rest = t.substr(i);
    for (auto u : kUnits) {
        if (rest.starts_with(u)) {
            p.unit = std::string(u);
            rest.remove_prefix(u.size());
            break;
        }
    }
    if (!rest.empty()) {
        std::string_view open = rest.starts_with("(") ? "(" : rest.starts_with("（") ? "（" : "";
        std::string_view close = rest.ends_with(")") ? ")" : rest.ends_with("）") ? "）" : "";
        if (open.empty() || close.empty() || rest.size() < open.size() + close.size()) return std::nullopt;
        p.note = std::string(rest.substr(open.size(), rest.size() - open.size() - close.size()));
    }
    return p;
}

// A cell that is nothing but a unit: "件", "万元", "个/人/万元".
bool is_unit_text(std::string_view t) {
    if (t.empty()) return false;
    std::size_t i = 0;
    while (i < t.size()) {
        bool hit = false;
        for (auto u : kUnits) {
            if (t.substr(i).starts_with(u)) {
                i += u.size();
                hit = true;
                break;
            }
        }
        if (!hit) return false;
        if (i < t.size()) {
            if (t[i] != '/') return false;
            ++i;
            if (i == t.size()) return false;
        }
    }
    return true;
}

// "(其中修订16件)": a note written apart from its number.
bool is_note_text(std::string_view t) {
    if (!(t.starts_with("(") && t.ends_with(")")) || t.size() < 3) return false;
    std::u32string u = decode32(t.substr(1, t.size() - 2));
    bool digit = false, han = false;
    for (char32_t c : u) {
        digit = digit || is_digit(c);
        han = han || is_han(c);
        if (c == U'(' || c == U')') return false;
    }
    return digit && han;
}

}  // namespace nianbao::bind
