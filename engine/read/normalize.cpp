// The matching view of a report (see normalize.hpp).
#include "read/normalize.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "core/utf8.hpp"

namespace nianbao {

MatchView::MatchView(std::string text, std::vector<std::uint32_t> src_begin, std::vector<std::uint32_t> src_end)
    : text_(std::move(text)), src_begin_(std::move(src_begin)), src_end_(std::move(src_end)) {
    // Be defensive about the invariant "size text + 1".
    const std::uint32_t last_b = src_begin_.empty() ? 0 : src_begin_.back();
    const std::uint32_t last_e = src_end_.empty() ? last_b : src_end_.back();
    src_begin_.resize(text_.size() + 1, last_b);
    src_end_.resize(text_.size() + 1, last_e);
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
}

Span MatchView::to_source(Span view_span) const {
    const auto n = static_cast<std::uint32_t>(text_.size());
    const std::uint32_t b = std::min(view_span.begin, n);
    const std::uint32_t e = std::max(b, std::min(view_span.end, n));
    if (e == b) return Span{src_begin_[b], src_begin_[b]};
    const std::uint32_t sb = src_begin_[b];
    return Span{sb, std::max(sb, src_end_[e - 1])};
}

std::uint32_t MatchView::from_source(std::uint32_t src_offset) const {
    const auto it = std::lower_bound(src_begin_.begin(), src_begin_.end(), src_offset);
    if (it == src_begin_.end()) return static_cast<std::uint32_t>(text_.size());
    return static_cast<std::uint32_t>(std::min<std::size_t>(static_cast<std::size_t>(it - src_begin_.begin()),
                                                            text_.size()));
}

Span MatchView::line_span(std::uint32_t line) const {
    const auto n = static_cast<std::uint32_t>(text_.size());
    if (line == 0 || line > line_starts_.size()) return Span{n, n};
    const std::uint32_t begin = line_starts_[line - 1];
    const std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : n;
    return Span{begin, end};
}

namespace {

struct Item {
    char32_t cp;
    std::uint32_t b;  // source byte span
    std::uint32_t e;
};

bool is_ascii_alpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(char32_t c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }

// Pinyin vowels with a tone mark, and ü.
bool is_tone_letter(char32_t c) {
    static constexpr std::u32string_view kTone = U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";
    return kTone.find(c) != std::u32string_view::npos;
}
// Combining tone marks (decomposed pinyin): macron, acute, caron, grave, diaeresis.
bool is_combining_tone(char32_t c) { return c == 0x0304 || c == 0x0301 || c == 0x030C || c == 0x0300 || c == 0x0308; }

// Length (in items) of the construct starting at items[i] that is to be
// dropped, or 0.
std::size_t bookmark_len(const std::vector<Item>& it, std::size_t i) {
    static constexpr std::u32string_view kOpen = U"[bookmark:";
    if (i + kOpen.size() > it.size()) return 0;
    for (std::size_t k = 0; k < kOpen.size(); ++k)
        if (it[i + k].cp != kOpen[k]) return 0;
    for (std::size_t k = i + kOpen.size(); k < it.size(); ++k)
        if (it[k].cp == ']') return k + 1 - i;
    return 0;
}

// `</?[A-Za-z][A-Za-z0-9:-]*( [^<>]*)?/?>`
std::size_t tag_len(const std::vector<Item>& it, std::size_t i) {
    if (it[i].cp != '<') return 0;
    std::size_t k = i + 1;
    if (k < it.size() && it[k].cp == '/') ++k;
    if (k >= it.size() || !is_ascii_alpha(it[k].cp)) return 0;
    while (k < it.size() && (is_ascii_alnum(it[k].cp) || it[k].cp == ':' || it[k].cp == '-')) ++k;
    if (k >= it.size()) return 0;
    if (it[k].cp == ' ') {
        while (k < it.size() && it[k].cp != '<' && it[k].cp != '>') ++k;
        if (k >= it.size() || it[k].cp != '>') return 0;
        return k + 1 - i;
    }
    if (it[k].cp == '/') ++k;
    if (k < it.size() && it[k].cp == '>') return k + 1 - i;
    return 0;
}

// "?/span>": a closing tag whose '<' was garbled into '?' by a bad conversion
// (seen in mirrored reports).  Only well-known HTML tag names.
std::size_t garbled_close_tag_len(const std::vector<Item>& it, std::size_t i) {
    if (it[i].cp != '?' && it[i].cp != 0xFF1F) return 0;
    if (i + 1 >= it.size() || it[i + 1].cp != '/') return 0;
    std::u32string name;
    std::size_t k = i + 2;
    while (k < it.size() && (is_ascii_alnum(it[k].cp) || it[k].cp == ':') && name.size() < 8) name += it[k++].cp;
    if (k >= it.size() || it[k].cp != '>') return 0;
    static constexpr std::array<std::u32string_view, 12> kNames = {U"span", U"p",  U"div", U"font", U"b",     U"i",
                                                                   U"u",    U"em", U"a",   U"o:p",  U"strong", U"br"};
    for (auto n : kNames)
        if (name == n) return k + 1 - i;
    return 0;
}

// "(qū)" after a Han character.
std::size_t gloss_len(const std::vector<Item>& it, std::size_t i, bool after_han) {
    if (!after_han) return 0;
    if (it[i].cp != '(' && it[i].cp != 0xFF08) return 0;
    std::size_t letters = 0;
    bool tone = false;
    std::size_t k = i + 1;
    for (; k < it.size(); ++k) {
        const char32_t c = it[k].cp;
        if (c >= 'a' && c <= 'z') {
            ++letters;
        } else if (is_tone_letter(c)) {
            ++letters;
            tone = true;
        } else if (is_combining_tone(c) && letters > 0) {
            tone = true;
        } else {
            break;
        }
        if (letters > 7) return 0;
    }
    if (k >= it.size() || (it[k].cp != ')' && it[k].cp != 0xFF09)) return 0;
    if (letters == 0 || !tone) return 0;
    return k + 1 - i;
}

std::uint32_t first_cp(const std::string& s) {
    std::size_t i = 0;
    return utf8::next(s, i);
}
std::uint32_t last_cp(const std::string& s) {
    std::size_t i = s.size();
    while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0u) == 0x80u) --i;
    if (i > 0) --i;
    return utf8::next(s, i);
}

class ViewBuilder {
public:
    explicit ViewBuilder(CharNormalizer& norm) : norm_(norm) {}

    void line(const SourceText& src, Span span) {
        const std::string_view text = std::string_view(src.text()).substr(span.begin, span.size());
        items_.clear();
        for (std::size_t i = 0; i < text.size();) {
            const auto b = static_cast<std::uint32_t>(span.begin + i);
            const char32_t cp = utf8::next(text, i);
            items_.push_back(Item{cp, b, static_cast<std::uint32_t>(span.begin + i)});
        }
        // Drop debris and glosses, map the rest.
        pieces_.clear();
        bool after_han = false;
        for (std::size_t i = 0; i < items_.size();) {
            std::size_t skip = bookmark_len(items_, i);
            if (skip == 0) skip = tag_len(items_, i);
            if (skip == 0) skip = garbled_close_tag_len(items_, i);
            if (skip == 0) skip = gloss_len(items_, i, after_han);
            if (skip > 0) {
                i += skip;
                continue;
            }
            const Item& item = items_[i++];
            if (utf8::is_ignorable(item.cp)) continue;
            const std::string& m = norm_.map(item.cp);
            bool all_space = true;
            for (std::size_t k = 0; k < m.size();)
                if (!utf8::is_space(utf8::next(m, k))) all_space = false;
            if (utf8::is_space(item.cp) || all_space) {
                if (m.empty() && !utf8::is_space(item.cp)) continue;  // maps to nothing
                after_han = false;
                if (!pieces_.empty() && pieces_.back().s == nullptr) {
                    pieces_.back().e = item.e;
                } else {
                    pieces_.push_back(Piece{nullptr, item.b, item.e});
                }
            } else {
                after_han = utf8::is_han(item.cp);
                pieces_.push_back(Piece{&m, item.b, item.e});
            }
        }
        // Whitespace: dropped at the ends and next to CJK, other runs -> ' '.
        for (std::size_t k = 0; k < pieces_.size(); ++k) {
            const Piece& p = pieces_[k];
            if (p.s != nullptr) {
                emit(*p.s, p.b, p.e);
                continue;
            }
            if (k == 0 || k + 1 == pieces_.size()) continue;
            if (utf8::is_cjk(last_cp(*pieces_[k - 1].s)) || utf8::is_cjk(first_cp(*pieces_[k + 1].s))) continue;
            emit(" ", p.b, p.e);
        }
    }

    void emit(std::string_view s, std::uint32_t b, std::uint32_t e) {
        text_ += s;
        begin_.insert(begin_.end(), s.size(), b);
        end_.insert(end_.end(), s.size(), e);
    }

    MatchView finish(std::uint32_t source_size) {
        begin_.push_back(source_size);
        end_.push_back(source_size);
        return MatchView(std::move(text_), std::move(begin_), std::move(end_));
    }

private:
    struct Piece {
        const std::string* s;  // nullptr: a whitespace run
        std::uint32_t b;
        std::uint32_t e;
    };
    CharNormalizer& norm_;
    std::vector<Item> items_;
    std::vector<Piece> pieces_;
    std::string text_;
    std::vector<std::uint32_t> begin_;
    std::vector<std::uint32_t> end_;
};

}  // namespace

MatchView build_view(const SourceText& src, CharNormalizer& norm) {
    ViewBuilder builder(norm);
    const std::uint32_t lines = src.line_count();
    for (std::uint32_t l = 1; l <= lines; ++l) {
        const Span span = src.line_span(l);
        builder.line(src, span);
        if (l < lines) {
            const Span next = src.line_span(l + 1);
            builder.emit("\n", span.end, next.begin);
        }
    }
    return builder.finish(static_cast<std::uint32_t>(src.text().size()));
}

}  // namespace nianbao
