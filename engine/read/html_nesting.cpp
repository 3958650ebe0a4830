// The nesting pre-scan of the HTML reader (html.cpp): the depth of element
// nesting, counted on the markup before gumbo builds a tree it would free
// recursively.  Implied end tags are honoured as a browser does, closely
// enough for a depth limit.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "read/rendering.hpp"

namespace nianbao::rendering {

namespace {

// ---- nesting pre-scan ------------------------------------------------------

bool is_void(std::string_view n) {
    static const char* const k[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                    "param", "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen"};
    return std::any_of(std::begin(k), std::end(k), [&](const char* v) { return n == v; });
}
bool auto_closes(std::string_view n) {
    static const char* const k[] = {"p", "li", "dt", "dd", "td", "th", "tr", "option", "thead", "tbody", "tfoot",
                                    "colgroup", "rp", "rt", "optgroup"};
    return std::any_of(std::begin(k), std::end(k), [&](const char* v) { return n == v; });
}

// An svg or math element, or one inside them (where "/>" closes the element).
bool foreign(std::string_view name, const std::vector<std::string>& stack) {
    const auto is = [](std::string_view n) { return n == "svg" || n == "math"; };
    return is(name) || std::any_of(stack.begin(), stack.end(), is);
}

}  // namespace

void check_html_nesting(std::string_view h, std::size_t max_depth) {
    std::vector<std::string> stack;
    std::size_t i = 0, line = 1, counted = 0;
    auto line_at = [&](std::size_t pos) {
        for (; counted < pos && counted < h.size(); ++counted)
            if (h[counted] == '\n') ++line;
        return line;
    };
    while ((i = h.find('<', i)) != std::string_view::npos) {
        if (h.compare(i, 4, "<!--") == 0) {
            const auto e = h.find("-->", i + 4);
            if (e == std::string_view::npos) return;
            i = e + 3;
            continue;
        }
        const bool end = i + 1 < h.size() && h[i + 1] == '/';
        std::size_t j = i + (end ? 2 : 1);
        std::string name;
        while (j < h.size() && (std::isalnum(static_cast<unsigned char>(h[j])) || h[j] == ':' || h[j] == '-'))
            name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(h[j++]))));
        const auto gt = h.find('>', j);
        if (name.empty() || gt == std::string_view::npos) {
            i = j;
            continue;
        }
        if (end) {
            auto it = std::find(stack.rbegin(), stack.rend(), name);
            if (it != stack.rend()) stack.erase(std::next(it).base(), stack.end());
        } else if (!is_void(name) && !(h[gt - 1] == '/' && foreign(name, stack))) {
            // "<div/>" opens a div: HTML honours "/>" only on void and foreign
            // (svg, math) elements.  An implied end tag never reaches past a
            // table: "<table><tr><td><table><tr>" is two tables deep.
            if (auto_closes(name)) {
                const auto limit = std::min<std::ptrdiff_t>(4, static_cast<std::ptrdiff_t>(stack.size()));
                for (auto it = stack.rbegin(); it != stack.rbegin() + limit && *it != "table"; ++it)
                    if (*it == name) {
                        stack.erase(std::next(it).base(), stack.end());
                        break;
                    }
            }
            if (name == "script" || name == "style" || name == "textarea" || name == "title") {
                const auto close = h.find("</", gt);
                i = close == std::string_view::npos ? h.size() : close;
                continue;
            }
            stack.push_back(name);
            if (stack.size() > max_depth)
                throw Abort{"markup nested too deeply (more than " + std::to_string(max_depth) + " levels at line " +
                            std::to_string(line_at(i)) + ")"};
        }
        i = gt + 1;
    }
}

}  // namespace nianbao::rendering
