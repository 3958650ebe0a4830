// A rule's `message` text split into pieces: literal text ({{ and }} are
// braces) and placeholders {NAME(.MEMBER)*} with the span of each in the rule
// file, so that sema can report an unknown name where it is written.
// Placeholder syntax errors (R211-R213) are reported here.
#include "core/utf8.hpp"
#include "grammar/parse_state.hpp"

namespace nianbao::rules::detail::parsing {

// Message text -> pieces; placeholder syntax errors are reported.
Message parse_message(State& st, const StringLit& lit) {
    Message m;
    m.raw = lit.value;
    m.where = lit.where;
    std::vector<std::uint32_t> offs;
    const std::string_view raw(st.src->text().data() + lit.where.span.begin, lit.where.span.size());
    const std::string value = unescape_string(raw, lit.where.span.begin, &offs);
    auto span_of = [&](std::size_t b, std::size_t e) { return Span{offs[b], offs[std::min(e, value.size())]}; };
    std::string text;
    std::size_t text_begin = 0;
    auto flush = [&](std::size_t at) {
        if (!text.empty()) {
            MessagePiece p;
            p.text = std::move(text);
            p.where = Where{st.src, span_of(text_begin, at)};
            m.pieces.push_back(std::move(p));
        }
        text.clear();
    };
    std::size_t i = 0;
    while (i < value.size()) {
        const char c = value[i];
        if (c == '{' && i + 1 < value.size() && value[i + 1] == '{') {
            if (text.empty()) text_begin = i;
            text += '{';
            i += 2;
        } else if (c == '}' && i + 1 < value.size() && value[i + 1] == '}') {
            if (text.empty()) text_begin = i;
            text += '}';
            i += 2;
        } else if (c == '}') {
            st.diag(Err::stray_brace, {}, span_of(i, i + 1));
            ++i;
        } else if (c == '{') {
            const std::size_t close = value.find('}', i + 1);
            const std::size_t nl = value.find('{', i + 1);
            if (close == std::string::npos || (nl != std::string::npos && nl < close)) {
                st.diag(Err::unclosed_placeholder, {}, span_of(i, i + 1));
                ++i;
                continue;
            }
            flush(i);
            const std::string inner = value.substr(i + 1, close - i - 1);
            // NAME(.MEMBER)*
            std::vector<std::string> path;
            bool ok = !inner.empty();
            std::size_t k = 0;
            std::string cur;
            bool first_char = true;
            while (ok && k < inner.size()) {
                std::size_t k0 = k;
                const char32_t cp = utf8::next(inner, k);
                if (cp == '.') {
                    if (cur.empty()) ok = false;
                    path.push_back(std::move(cur));
                    cur.clear();
                    first_char = true;
                } else if (first_char ? is_ident_start(cp) : is_ident_char(cp)) {
                    cur.append(inner, k0, k - k0);
                    first_char = false;
                } else {
                    ok = false;
                }
            }
            if (ok && cur.empty()) ok = false;
            if (ok) path.push_back(std::move(cur));
            if (!ok) {
                st.diag(Err::invalid_placeholder, {inner}, span_of(i, close + 1));
            } else {
                MessagePiece p;
                p.placeholder = true;
                p.text = inner;
                p.path = std::move(path);
                p.where = Where{st.src, span_of(i + 1, close)};
                m.pieces.push_back(std::move(p));
            }
            i = close + 1;
        } else {
            if (text.empty()) text_begin = i;
            text += c;
            ++i;
        }
    }
    flush(value.size());
    return m;
}

}  // namespace nianbao::rules::detail::parsing
