// DOCX reader: word/document.xml from the package (libzip) parsed with
// pugixml, rendered to text.
//
// Body paragraphs become lines (empty ones are skipped; a <w:br/> inside a
// paragraph starts a new line of the same paragraph); tables become the
// cell-per-line layout: one "\t"-led line per grid column, a blank line after
// each row, gridSpan and vMerge expanded so every row has the full grid (a
// slot covered by a merge is an empty "\t" line; gridBefore/gridAfter and
// short rows are padded the same way).  The paragraphs of a cell are joined
// with a space.  Deleted text (w:del), field codes and the fallback copy of
// alternate content are skipped.
//
// Guards: entry count, uncompressed size (declared and actually read),
// compression ratio, XML nesting depth, output size.  Text is valid UTF-8
// (bad bytes and surrogate character references become U+FFFD); a part
// declared GBK/GB18030 is decoded first.
#include <pugixml.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "read/package.hpp"
#include "read/reader.hpp"
#include "read/rendering.hpp"

namespace nianbao {

namespace {

using rendering::Abort;
using rendering::Builder;

using rendering::attr_local;
using rendering::blank;
using rendering::child_local;
using rendering::int_attr;
using rendering::local;

// word/document.xml as UTF-8 for pugixml: GBK/GB2312/GB18030 (declared) is
// decoded; UTF-16 is left to pugixml; any other declared encoding is refused.
pugi::xml_encoding to_utf8(std::string& xml) {
    const std::string enc = rendering::declared_encoding(xml);
    if (enc.empty() || enc == "utf-8" || enc == "utf8") return pugi::encoding_utf8;
    if (enc.rfind("utf-16", 0) == 0) return pugi::encoding_auto;
    if (enc == "gbk" || enc == "gb2312" || enc == "gb18030" || enc == "cp936" || enc == "x-gbk") {
        std::size_t bad = 0;
        auto text = decode_gb18030(xml, bad);
        if (!text)
            throw Abort{"damaged .docx: word/document.xml declares encoding " + enc + " but byte " +
                        std::to_string(bad) + " is not " + enc};
        xml = std::move(*text);
        return pugi::encoding_utf8;
    }
    throw Abort{"word/document.xml declares encoding " + enc + ", which is not read (only UTF-8, UTF-16, GBK/GB18030)"};
}

// A run of text with the column of its first character.
class Docx {
public:
    Docx(Builder& b, const FormatLimits& lim, const rendering::Deadline& dl) : b_(b), lim_(lim), dl_(dl) {}

    void body(const pugi::xml_node& n, std::size_t depth) {
        guard(depth);
        for (auto c = n.first_child(); c; c = c.next_sibling()) {
            const auto name = local(c);
            if (name == "p") paragraph(c, depth + 1);
            else if (name == "tbl") table(c, depth + 1);
            else if (name == "sdt") body(child_local(c, "sdtContent"), depth + 1);
            else if (name == "customXml" || name == "ins" || name == "smartTag") body(c, depth + 1);
        }
    }

private:
    void guard(std::size_t depth) const {
        if (depth > lim_.max_depth)
            throw Abort{"XML nested too deeply (more than " + std::to_string(lim_.max_depth) + " levels)"};
    }

    // Text of a paragraph's runs; '\n' for line breaks when `breaks`.
    void runs(const pugi::xml_node& n, std::string& out, bool breaks, std::size_t depth) {
        guard(depth);
        for (auto c = n.first_child(); c; c = c.next_sibling()) {
            const auto name = local(c);
            if (name == "t") out += c.text().get();
            else if (name == "tab" || name == "ptab") out += ' ';
            else if (name == "br" || name == "cr") out += breaks ? '\n' : ' ';
            else if (name == "noBreakHyphen") out += '-';
            else if (name == "del" || name == "delText" || name == "instrText" || name == "Fallback" ||
                     name == "pPr" || name == "rPr" || name == "fldData")
                continue;
            else if (name == "r") {
                if (auto rpr = child_local(c, "rPr"); rpr && child_local(rpr, "vanish")) continue;
                runs(c, out, breaks, depth + 1);
            } else if (name == "p") {  // text boxes hold paragraphs
                if (!out.empty()) out += breaks ? '\n' : ' ';
                runs(c, out, breaks, depth + 1);
            } else if (c.type() == pugi::node_element)
                runs(c, out, breaks, depth + 1);
        }
    }

    void paragraph(const pugi::xml_node& p, std::size_t depth) {
        std::string text;
        runs(p, text, true, depth);
        if (blank(text)) return;
        rendering::emit_paragraph(b_, text, ++para_, lim_);
    }

    void cell_text(const pugi::xml_node& tc, std::string& out, std::size_t depth) {
        guard(depth);
        for (auto c = tc.first_child(); c; c = c.next_sibling()) {
            const auto name = local(c);
            if (name == "p" || name == "tbl" || name == "tr" || name == "tc" || name == "sdt" ||
                name == "sdtContent") {
                std::string t;
                if (name == "p") runs(c, t, false, depth + 1);
                else cell_text(c, t, depth + 1);
                if (blank(t)) continue;
                if (!out.empty()) out += ' ';
                out += t;
            }
        }
    }

    void table(const pugi::xml_node& tbl, std::size_t depth) {
        dl_.check();
        ++table_;
        using Slot = rendering::GridSlot;
        std::vector<std::vector<Slot>> grid;
        std::size_t width = 0;
        for (auto tr = tbl.first_child(); tr; tr = tr.next_sibling()) {
            if (local(tr) != "tr") continue;
            std::vector<Slot> row;
            const auto trpr = child_local(tr, "trPr");
            if (auto gb = child_local(trpr, "gridBefore")) row.resize(static_cast<std::size_t>(int_attr(gb, "val", 0, 64)));
            for (auto tc = tr.first_child(); tc; tc = tc.next_sibling()) {
                const auto tn = local(tc);
                pugi::xml_node cell = tc;
                if (tn == "sdt") cell = child_local(child_local(tc, "sdtContent"), "tc");
                else if (tn != "tc") continue;
                if (!cell) continue;
                const auto tcpr = child_local(cell, "tcPr");
                const int span = int_attr(child_local(tcpr, "gridSpan"), "val", 1, 64);
                const auto vm = child_local(tcpr, "vMerge");
                const bool covered = vm && attr_local(vm, "val") != "restart";
                Slot s;
                if (!covered) {
                    cell_text(cell, s.text, depth + 1);
                    s.origin = true;
                }
                row.push_back(std::move(s));
                for (int k = 1; k < span; ++k) row.emplace_back();
            }
            if (auto ga = child_local(trpr, "gridAfter"))
                row.resize(row.size() + static_cast<std::size_t>(int_attr(ga, "val", 0, 64)));
            width = std::max(width, row.size());
            grid.push_back(std::move(row));
            if (width * grid.size() > 1000000) throw Abort{"table too large (more than a million cells)"};
        }
        rendering::emit_table(b_, grid, width, table_, lim_);
    }

    Builder& b_;
    const FormatLimits& lim_;
    const rendering::Deadline& dl_;
    std::uint32_t para_ = 0, table_ = 0;
};

}  // namespace

ReadResult read_docx(std::string path, std::string_view bytes, const FormatLimits& flimits) {
    try {
        rendering::Deadline deadline(flimits.max_time);
        rendering::ZipPackage pkg(bytes, ".docx", flimits);
        if (!pkg.has("word/document.xml")) throw Abort{"not a Word document: the package has no word/document.xml"};
        std::string xml = pkg.read("word/document.xml");
        deadline.check();
        const pugi::xml_encoding encoding = to_utf8(xml);
        pugi::xml_document doc;
        const pugi::xml_parse_result pr = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, encoding);
        if (!pr) throw Abort{std::string("damaged .docx: word/document.xml is not well-formed XML (") + pr.description() +
                             " at byte " + std::to_string(pr.offset) + ")"};
        pugi::xml_node root = doc.document_element();
        pugi::xml_node body = child_local(root, "body");
        if (local(root) != "document" || !body) throw Abort{"not a Word document: word/document.xml has no w:body"};
        Builder b;
        Docx d(b, flimits, deadline);
        d.body(body, 0);
        if (b.text.find_first_not_of(" \t\n") == std::string::npos) throw Abort{"the Word document has no text"};
        return rendering::make_result(std::move(path), std::move(b), "docx", "DOCX (UTF-8 XML)");
    } catch (const Abort& a) {
        return rendering::fail(std::move(path), a.reason);
    } catch (const std::bad_alloc&) {
        return rendering::fail(std::move(path), ".docx too large to read (out of memory)");
    }
}

}  // namespace nianbao
