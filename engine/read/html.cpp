// HTML reader: a saved web page -> text rendering with an origin map into the
// HTML source (line and code-point column of every character).
//
//  1. decoding: decode_text() (BOM, UTF-8, GB18030 = GBK/GB2312, Big5); the
//     bytes decide, so a page whose <meta charset> lies is still read right;
//  2. a nesting pre-scan (html_nesting.cpp: depth limit, before the parser builds a tree it
//     would free recursively);
//  3. gumbo (HTML5 parsing: implied and misnested tags as a browser does);
//  4. the main content block: the element holding the most distinct numbered
//     top-level headings (一、 二、 ...), the deepest such element on a tie;
//     the page's report title (a short block containing 年度报告 before it)
//     is put in front when the block itself does not start with it, and
//     after it the short blocks between it and the main block (the page's
//     date, source, hits); in front of all, each <meta> whose name speaks of
//     a date or time as the line "name: content" (PubDate, publishdate,
//     article:published_time ...), placed at its content;
//  5. rendering: block elements become lines (whitespace collapsed, so labels
//     split across <span>/<font>/<o:p> come out whole); navigation, header,
//     footer, script, style, form and display:none elements are dropped; data
//     tables become the cell-per-line layout with rowspan/colspan expanded
//     (a covered slot is an empty "\t" line placed at the cell that covers
//     it, a blank cell one placed at its own tag); one-column tables and tables
//     whose cells hold long text or other tables are layout, rendered as blocks.
#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "read/reader.hpp"
#include "read/rendering.hpp"

namespace nianbao {

namespace {

using rendering::Abort;
using rendering::Builder;

// ---- positions in the HTML source -------------------------------------------

class Locator {
public:
    explicit Locator(const std::string& s) : s_(s) {
        starts_.push_back(0);
        for (std::uint32_t k = 0; k < s.size(); ++k)
            if (s[k] == '\n') starts_.push_back(k + 1);
    }
    LineCol at(std::uint32_t off) {
        off = std::min<std::uint32_t>(off, static_cast<std::uint32_t>(s_.size()));
        const auto it = std::upper_bound(starts_.begin(), starts_.end(), off);
        const auto li = static_cast<std::uint32_t>(it - starts_.begin()) - 1;
        std::uint32_t from = starts_[li], col = 1;
        if (cache_line_ == li && cache_off_ <= off) {
            from = cache_off_;
            col = cache_col_;
        }
        for (std::uint32_t k = from; k < off; ++k)
            if ((static_cast<unsigned char>(s_[k]) & 0xC0u) != 0x80u) ++col;
        cache_line_ = li;
        cache_off_ = off;
        cache_col_ = col;
        return LineCol{li + 1, col};
    }

private:
    const std::string& s_;
    std::vector<std::uint32_t> starts_;
    std::uint32_t cache_line_ = ~0u, cache_off_ = 0, cache_col_ = 1;
};

struct Piece {
    char32_t cp;
    std::uint32_t src;  // byte offset in the decoded HTML
    std::uint32_t len;  // bytes it took there (0 = not consecutive with anything)
};
using Pieces = std::vector<Piece>;

// ---- element classes ---------------------------------------------------------

bool dropped(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return false;
    switch (n->v.element.tag) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_NAV:
        case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
        case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT:
        case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
        case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP:
            return true;
        default: break;
    }
    if (const GumboAttribute* st = gumbo_get_attribute(&n->v.element.attributes, "style")) {
        std::string v;
        for (const char* c = st->value; *c; ++c)
            if (*c != ' ') v.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*c))));
        if (v.find("display:none") != std::string::npos || v.find("visibility:hidden") != std::string::npos)
            return true;
    }
    return false;
}

bool is_block(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
        case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
        case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
        case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_CENTER: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_HR: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_TBODY:
        case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
            return true;
        default: return false;
    }
}

const GumboVector* children_of(const GumboNode* n) {
    if (n->type == GUMBO_NODE_ELEMENT) return &n->v.element.children;
    if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
    return nullptr;
}
const GumboNode* child(const GumboVector* v, unsigned i) { return static_cast<const GumboNode*>(v->data[i]); }
bool is_text(const GumboNode* n) {
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA;
}

// The characters of a text node with their offsets in the decoded HTML.
void text_pieces(const GumboNode* n, const std::string& html, Pieces& out) {
    const GumboText& t = n->v.text;
    const std::string_view dec(t.text);
    std::string_view raw(t.original_text.data ? t.original_text.data : "", t.original_text.length);
    std::uint32_t base = static_cast<std::uint32_t>(t.start_pos.offset);
    if (t.original_text.data >= html.data() && t.original_text.data <= html.data() + html.size())
        base = static_cast<std::uint32_t>(t.original_text.data - html.data());
    else
        raw = {};
    std::size_t r = 0;
    for (std::size_t d = 0; d < dec.size();) {
        const char32_t cp = utf8::next(dec, d);
        const auto at = static_cast<std::uint32_t>(base + std::min(r, raw.size()));
        if (r >= raw.size()) {
            out.push_back(Piece{cp, at, 0});
            continue;
        }
        if (raw[r] == '\r' && cp == '\n') {
            r += (r + 1 < raw.size() && raw[r + 1] == '\n') ? 2 : 1;
            out.push_back(Piece{cp, at, 0});
            continue;
        }
        if (raw[r] == '&' && r + 1 < raw.size() &&
            (raw[r + 1] == '#' || std::isalpha(static_cast<unsigned char>(raw[r + 1])))) {
            std::size_t e = r + 1;
            while (e < raw.size() && e - r < 40 && (std::isalnum(static_cast<unsigned char>(raw[e])) || raw[e] == '#'))
                ++e;
            if (e < raw.size() && raw[e] == ';') ++e;
            const std::string_view ent = raw.substr(r, e - r);
            const bool literal_amp = cp == '&' && ent.rfind("&amp", 0) != 0 && ent.rfind("&#38", 0) != 0 &&
                                     ent.rfind("&#x26", 0) != 0 && ent.rfind("&#X26", 0) != 0;
            if (!literal_amp) {
                out.push_back(Piece{cp, at, 0});
                r = e;
                continue;
            }
        }
        std::size_t r2 = r;
        utf8::next(raw, r2);
        out.push_back(Piece{cp, at, static_cast<std::uint32_t>(r2 - r)});
        r = r2;
    }
}

// ---- finding the report inside the page ---------------------------------------

int heading_number(std::string_view s) {
    // "一、" .. "十、": the statutory parts of the report.
    static const std::string_view nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (int k = 0; k < 10; ++k)
        if (s.rfind(nums[k], 0) == 0) {
            std::string_view rest = s.substr(nums[k].size());
            if (rest.rfind("、", 0) == 0 || rest.rfind("．", 0) == 0 || rest.rfind(".", 0) == 0) return k + 1;
            return 0;
        }
    return 0;
}

struct Scan {
    const std::string& html;
    std::vector<std::pair<const GumboNode*, unsigned>> marks;  // node -> marker mask
    std::vector<const GumboNode*> titles;                      // short blocks mentioning 年度报告, in order
    std::vector<const GumboNode*> shorts;                      // blocks with up to 200 bytes of own text, in order
};

// Inline text of a block (not descending into nested blocks), whitespace removed, at most `cap` bytes.
void inline_text(const GumboNode* n, std::string& out, std::size_t cap, std::size_t depth) {
    if (out.size() >= cap || depth > 4000) return;
    if (is_text(n)) {
        for (const char* c = n->v.text.text; *c && out.size() < cap; ++c)
            if (!std::isspace(static_cast<unsigned char>(*c))) out.push_back(*c);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT || dropped(n)) return;
    const GumboVector* ch = children_of(n);
    for (unsigned i = 0; i < ch->length; ++i) {
        const GumboNode* c = child(ch, i);
        if (c->type == GUMBO_NODE_ELEMENT && is_block(c->v.element.tag)) continue;
        inline_text(c, out, cap, depth + 1);
    }
}

void scan(const GumboNode* n, Scan& s, std::size_t depth) {
    if (n->type != GUMBO_NODE_ELEMENT || dropped(n) || depth > 4000) return;
    if (is_block(n->v.element.tag)) {
        std::string t;
        inline_text(n, t, 400, depth);
        std::string_view tv = t;
        while (tv.rfind("\xC2\xA0", 0) == 0 || tv.rfind("\xE3\x80\x80", 0) == 0) tv.remove_prefix(tv[0] == '\xC2' ? 2 : 3);
        if (const int k = heading_number(tv)) s.marks.emplace_back(n, 1u << k);
        if (tv.size() <= 200 && tv.find("年度报告") != std::string_view::npos) s.titles.push_back(n);
        if (!tv.empty() && tv.size() <= 200) s.shorts.push_back(n);
    }
    const GumboVector* ch = children_of(n);
    for (unsigned i = 0; i < ch->length; ++i) scan(child(ch, i), s, depth + 1);
}

// The page's <meta> elements whose name (or property) speaks of a date or a
// time ("PubDate", "firstpublishedtime", "article:published_time"), in order.
void date_metas(const GumboNode* n, std::vector<const GumboNode*>& out, std::size_t depth) {
    if (n->type != GUMBO_NODE_ELEMENT || depth > 64 || out.size() >= 16) return;
    if (n->v.element.tag == GUMBO_TAG_META) {
        const GumboAttribute* name = gumbo_get_attribute(&n->v.element.attributes, "name");
        if (!name) name = gumbo_get_attribute(&n->v.element.attributes, "property");
        const GumboAttribute* content = gumbo_get_attribute(&n->v.element.attributes, "content");
        if (!name || !content || !*content->value || std::strlen(content->value) > 64) return;
        std::string k;
        for (const char* c = name->value; *c; ++c) k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*c))));
        if (k.find("date") != std::string::npos || k.find("time") != std::string::npos) out.push_back(n);
        return;
    }
    if (n->v.element.tag == GUMBO_TAG_BODY) return;
    const GumboVector* ch = children_of(n);
    for (unsigned i = 0; i < ch->length; ++i) date_metas(child(ch, i), out, depth + 1);
}

bool contains(const GumboNode* anc, const GumboNode* n) {
    for (; n; n = n->parent)
        if (n == anc) return true;
    return false;
}

// ---- rendering -----------------------------------------------------------------

class Renderer {
public:
    Renderer(const std::string& html, Builder& b, const rendering::Deadline& dl, std::size_t max_out)
        : html_(html), loc_(html), b_(b), dl_(dl), max_out_(max_out) {}

    void block(const GumboNode* n, std::size_t depth) {
        if (depth > 4000) throw Abort{"markup nested too deeply"};
        if (is_text(n)) {
            add_text(n, line_);
            return;
        }
        if (n->type != GUMBO_NODE_ELEMENT || dropped(n)) return;
        const GumboTag tag = n->v.element.tag;
        if (tag == GUMBO_TAG_TABLE) {
            table(n, depth);
            return;
        }
        if (tag == GUMBO_TAG_BR) {
            flush();
            return;
        }
        const bool blk = is_block(tag);
        if (blk) flush();
        const GumboVector* ch = children_of(n);
        for (unsigned i = 0; i < ch->length; ++i) block(child(ch, i), depth + 1);
        if (blk) flush();
    }

    void flush() { write_line("", line_); }
    // A date <meta> as the line "name: content", placed at the content.
    void meta_line(const GumboNode* m) {
        const GumboAttribute* name = gumbo_get_attribute(&m->v.element.attributes, "name");
        if (!name) name = gumbo_get_attribute(&m->v.element.attributes, "property");
        const GumboAttribute* content = gumbo_get_attribute(&m->v.element.attributes, "content");
        flush();
        if (!b_.at_line_start()) b_.newline();
        const LineCol at = loc_.at(static_cast<std::uint32_t>(content->value_start.offset));
        b_.anchor(at.line, at.column);
        b_.append(name->value);
        b_.append(": ");
        b_.append(content->value);
        b_.newline();
    }
    bool starts_with_title() const {
        std::string_view t(b_.text);
        return t.substr(0, 600).find("年度报告") != std::string_view::npos;
    }

private:
    void add(Pieces& line, const Piece& p, bool& pending, std::uint32_t& pending_src) {
        if (utf8::is_space(p.cp)) {
            if (!pending) pending_src = p.src;
            pending = true;
            return;
        }
        if (pending && !line.empty()) line.push_back(Piece{U' ', pending_src, 0});
        pending = false;
        line.push_back(p);
    }
    void add_text(const GumboNode* n, Pieces& line) {
        Pieces ps;
        text_pieces(n, html_, ps);
        bool& pending = (&line == &line_) ? pending_ : cell_pending_;
        for (const auto& p : ps) add(line, p, pending, pending_src_);
    }

    void write_line(std::string_view prefix, Pieces& line) {
        pending_ = false;
        if (line.empty()) return;
        if (!prefix.empty()) b_.append(prefix);
        emit_pieces(line);
        b_.newline();
        line.clear();
        if (b_.text.size() > max_out_) throw Abort{"text rendering too large"};
    }
    void emit_pieces(const Pieces& line) {
        const Piece* prev = nullptr;
        for (const auto& p : line) {
            const bool consecutive = prev && prev->len > 0 && p.len > 0 && prev->src + prev->len == p.src &&
                                     prev->cp != U'\n';
            if (!consecutive) {
                const LineCol lc = loc_.at(p.src);
                b_.anchor(lc.line, lc.column);
            }
            utf8::append(b_.text, p.cp);
            prev = &p;
        }
    }

    // Cell content as one line (blocks and <br> become spaces).
    void cell(const GumboNode* n, Pieces& out, std::size_t depth) {
        if (depth > 4000) throw Abort{"markup nested too deeply"};
        if (is_text(n)) {
            add_text(n, out);
            return;
        }
        if (n->type != GUMBO_NODE_ELEMENT || dropped(n)) return;
        const GumboTag tag = n->v.element.tag;
        const bool blk = is_block(tag) || tag == GUMBO_TAG_BR;
        if (blk && !out.empty()) cell_pending_ = true;
        const GumboVector* ch = children_of(n);
        for (unsigned i = 0; i < ch->length; ++i) cell(child(ch, i), out, depth + 1);
        if (blk && !out.empty()) cell_pending_ = true;
    }

    static int span_attr(const GumboNode* n, const char* name, int cap) {
        const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
        if (!a) return 1;
        const int v = std::atoi(a->value);
        return std::clamp(v, 1, cap);
    }

    static void collect_rows(const GumboNode* n, std::vector<const GumboNode*>& rows, std::size_t depth) {
        if (depth > 8) return;
        const GumboVector* ch = children_of(n);
        for (unsigned i = 0; i < ch->length; ++i) {
            const GumboNode* c = child(ch, i);
            if (c->type != GUMBO_NODE_ELEMENT) continue;
            if (c->v.element.tag == GUMBO_TAG_TR) rows.push_back(c);
            else if (c->v.element.tag == GUMBO_TAG_TBODY || c->v.element.tag == GUMBO_TAG_THEAD ||
                     c->v.element.tag == GUMBO_TAG_TFOOT)
                collect_rows(c, rows, depth + 1);
        }
    }
    static bool has_table(const GumboNode* n, std::size_t depth) {
        if (n->type != GUMBO_NODE_ELEMENT || depth > 4000) return false;
        const GumboVector* ch = children_of(n);
        for (unsigned i = 0; i < ch->length; ++i) {
            const GumboNode* c = child(ch, i);
            if (c->type == GUMBO_NODE_ELEMENT &&
                (c->v.element.tag == GUMBO_TAG_TABLE || has_table(c, depth + 1)))
                return true;
        }
        return false;
    }

    void table(const GumboNode* t, std::size_t depth) {
        dl_.check();
        std::vector<const GumboNode*> rows;
        collect_rows(t, rows, 0);
        struct Slot {
            const GumboNode* cell = nullptr;
            bool origin = false;
        };
        std::vector<std::vector<Slot>> grid;
        std::size_t width = 0;
        bool layout = false;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (grid.size() <= r) grid.resize(r + 1);
            std::size_t c = 0;
            const GumboVector* ch = children_of(rows[r]);
            for (unsigned i = 0; i < ch->length; ++i) {
                const GumboNode* cn = child(ch, i);
                if (cn->type != GUMBO_NODE_ELEMENT ||
                    (cn->v.element.tag != GUMBO_TAG_TD && cn->v.element.tag != GUMBO_TAG_TH))
                    continue;
                if (has_table(cn, depth)) layout = true;
                std::string probe;
                inline_text(cn, probe, 1200, depth);
                if (probe.size() > 1000) layout = true;
                while (c < grid[r].size() && grid[r][c].cell) ++c;
                const int cs = span_attr(cn, "colspan", 100), rs = span_attr(cn, "rowspan", 1000);
                const std::size_t rows_covered = std::min<std::size_t>(static_cast<std::size_t>(rs), rows.size() - r);
                if (grid.size() < r + rows_covered) grid.resize(r + rows_covered);
                for (std::size_t dr = 0; dr < rows_covered; ++dr) {
                    auto& g = grid[r + dr];
                    if (g.size() < c + static_cast<std::size_t>(cs)) g.resize(c + static_cast<std::size_t>(cs));
                    for (std::size_t dc = 0; dc < static_cast<std::size_t>(cs); ++dc)
                        g[c + dc] = Slot{cn, dr == 0 && dc == 0};
                }
                c += static_cast<std::size_t>(cs);
                width = std::max(width, c);
                if (width * grid.size() > 1000000) throw Abort{"table too large (more than a million cells)"};
            }
        }
        flush();
        if (layout || width <= 1) {
            // A layout table: its cells are blocks of the page.
            for (const auto* row : rows) block(row, depth + 1);
            flush();
            return;
        }
        if (!b_.at_line_start()) b_.newline();
        for (std::size_t r = 0; r < grid.size(); ++r) {
            auto& g = grid[r];
            g.resize(width);
            if (std::all_of(g.begin(), g.end(), [](const Slot& s) { return s.cell == nullptr; })) continue;
            for (const auto& s : g) {
                // Each slot's TAB is placed at its cell's tag, so a blank cell
                // has its own place and the slots a spanned cell covers share
                // the place of that cell (the model tells them apart by it); a
                // slot past the row's last cell is placed at the row.
                const GumboNode* at = s.cell ? s.cell : (r < rows.size() ? rows[r] : t);
                const LineCol lc = loc_.at(static_cast<std::uint32_t>(at->v.element.start_pos.offset));
                b_.anchor(lc.line, lc.column);
                b_.append("\t");
                if (s.cell && s.origin) {
                    Pieces p;
                    cell_pending_ = false;
                    cell(s.cell, p, depth + 1);
                    emit_pieces(p);
                }
                b_.newline();
            }
            b_.newline();
        }
        if (b_.text.size() > max_out_) throw Abort{"text rendering too large"};
    }

    const std::string& html_;
    Locator loc_;
    Builder& b_;
    const rendering::Deadline& dl_;
    std::size_t max_out_;
    Pieces line_;
    bool pending_ = false, cell_pending_ = false;
    std::uint32_t pending_src_ = 0;
};

struct GumboDeleter {
    void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

}  // namespace

ReadResult read_html(std::string path, std::string_view bytes, const ReadLimits& limits, const FormatLimits& flimits) {
    ReadResult dec = decode_text(path, bytes, limits);
    if (!dec.ok()) return dec;
    const std::string& html = dec.source->text();
    try {
        rendering::Deadline deadline(flimits.max_time);
        rendering::check_html_nesting(html, flimits.max_depth);
        std::unique_ptr<GumboOutput, GumboDeleter> out(
            gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
        if (!out || !out->root) throw Abort{"HTML could not be parsed"};
        deadline.check();
        Scan s{html, {}, {}, {}};
        scan(out->root, s, 0);
        // Main block: most distinct part markers, deepest on a tie.
        std::vector<std::pair<const GumboNode*, unsigned>> acc;
        for (const auto& [node, bit] : s.marks)
            for (const GumboNode* a = node; a; a = a->parent) {
                auto it = std::find_if(acc.begin(), acc.end(), [&](const auto& p) { return p.first == a; });
                if (it == acc.end()) acc.emplace_back(a, bit);
                else it->second |= bit;
            }
        const GumboNode* root = out->root;
        int best = 1, best_depth = -1;
        for (const auto& [node, mask] : acc) {
            const int pc = __builtin_popcount(mask);
            int d = 0;
            for (const GumboNode* a = node; a; a = a->parent) ++d;
            if (pc > best || (pc == best && pc > 1 && d > best_depth)) {
                best = pc;
                best_depth = d;
                root = node;
            }
        }
        Builder b;
        Renderer r(html, b, deadline, flimits.max_output_bytes);
        std::vector<const GumboNode*> metas;
        date_metas(out->root, metas, 0);
        for (const GumboNode* m : metas) r.meta_line(m);
        if (root != out->root) {
            // The report's title, when it sits outside the main block.
            std::string head;
            inline_text(root, head, 800, 0);
            const GumboNode* title = nullptr;
            if (head.find("年度报告") == std::string::npos)
                for (const GumboNode* t : s.titles) {
                    if (contains(t, root)) continue;  // an ancestor of the block
                    if (t->v.element.start_pos.offset >= root->v.element.start_pos.offset) break;
                    title = t;
                }
            if (title) {
                r.block(title, 0);
                r.flush();
                // The short blocks between the title and the main block: the
                // page's date, source and the like.
                const auto from = title->v.element.end_pos.offset, to = root->v.element.start_pos.offset;
                const GumboNode* last = nullptr;
                for (const GumboNode* n : s.shorts) {
                    const auto at = n->v.element.start_pos.offset;
                    if (at < from || at >= to || contains(n, root) || (last && contains(last, n))) continue;
                    r.block(n, 0);
                    r.flush();
                    last = n;
                }
            }
        }
        r.block(root, 0);
        r.flush();
        if (b.text.find_first_not_of(" \t\n") == std::string::npos) throw Abort{"HTML page has no visible text"};
        std::string enc = dec.source->encoding();
        return rendering::make_result(std::move(path), std::move(b), "html", enc);
    } catch (const Abort& a) {
        return rendering::fail(std::move(path), a.reason);
    } catch (const std::bad_alloc&) {
        return rendering::fail(std::move(path), "HTML too large to read (out of memory)");
    }
}

}  // namespace nianbao
