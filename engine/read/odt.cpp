// OpenDocument text (.odt) reader: content.xml from the package (libzip)
// parsed with pugixml, rendered to the same text as a DOCX (package.hpp).
//
// The package's `mimetype` entry must name an OpenDocument text document
// (application/vnd.oasis.opendocument.text, or -template); a spreadsheet or a
// presentation is refused by name.  In office:text, paragraphs (text:p) and
// headings (text:h), also inside lists and sections, become lines: text:span,
// links and fields give their text, text:s gives its text:c spaces, text:tab a
// space, text:line-break a new line of the same paragraph; runs of white space
// in the XML count as one space and leading white space is dropped (ODF 1.2
// §6.1.2).  Notes (text:note), annotations, deleted text (text:tracked-changes)
// and ruby annotations are skipped.  Tables (table:table, also in header rows
// and row groups) become the cell-per-line layout: each table:table-cell and
// table:covered-table-cell is one slot, number-columns-repeated and
// number-rows-repeated repeat it (at most 1024 times each, a million slots a
// table); a covered cell is an empty slot; a cell with number-columns-spanned
// that is not followed by its covered cells gets empty slots for them, so that
// every row has the full grid.  The paragraphs of a cell are joined with a
// space.
//
// Guards as for DOCX: entry count, uncompressed size, compression ratio, XML
// nesting depth, output size, time.
#include <pugixml.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "read/package.hpp"
#include "read/reader.hpp"
#include "read/rendering.hpp"

namespace nianbao {

namespace {

using rendering::Abort;
using rendering::blank;
using rendering::Builder;
using rendering::child_local;
using rendering::GridSlot;
using rendering::int_attr;
using rendering::local;

constexpr int kMaxRepeat = 1024;

bool is_space_char(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Elements whose content is not part of the document's visible text: notes,
// comments, deleted text, ruby annotations, declarations, index templates,
// embedded objects and images' svg:title / svg:desc (a text:title field is text).
bool skipped(const pugi::xml_node& n) {
    if (std::string_view(n.name()).rfind("svg:", 0) == 0) return true;
    const auto name = local(n);
    return name == "note" || name == "annotation" || name == "annotation-end" || name == "tracked-changes" ||
           name == "ruby-text" || name == "binary-data" || name == "forms" || name == "object" ||
           name == "object-ole" || name == "event-listeners" ||
           (name.size() > 6 && name.substr(name.size() - 6) == "-decls") ||
           (name.size() > 7 && name.substr(name.size() - 7) == "-source");
}

class Odt {
public:
    Odt(Builder& b, const FormatLimits& lim, const rendering::Deadline& dl) : b_(b), lim_(lim), dl_(dl) {}

    void body(const pugi::xml_node& n, std::size_t depth) {
        guard(depth);
        for (auto c = n.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) continue;
            const auto name = local(c);
            if (name == "p" || name == "h") paragraph(c, depth + 1);
            else if (name == "table") table(c, depth + 1);
            else if (!skipped(c)) body(c, depth + 1);  // lists, list items, sections, indexes
        }
    }

private:
    void guard(std::size_t depth) const {
        if (depth > lim_.max_depth)
            throw Abort{"XML nested too deeply (more than " + std::to_string(lim_.max_depth) + " levels)"};
    }

    // White space in the XML text: one space, none at the start of the paragraph or after a space.
    static void add_space(std::string& out) {
        if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
    }

    // Text of a paragraph's content; '\n' for line breaks when `breaks`.
    void runs(const pugi::xml_node& n, std::string& out, bool breaks, std::size_t depth) {
        guard(depth);
        for (auto c = n.first_child(); c; c = c.next_sibling()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                for (const char* p = c.value(); *p; ++p) {
                    if (is_space_char(*p)) add_space(out);
                    else out += *p;
                }
                continue;
            }
            if (c.type() != pugi::node_element) continue;
            const auto name = local(c);
            if (name == "s") out.append(static_cast<std::size_t>(int_attr(c, "c", 1, kMaxRepeat)), ' ');
            else if (name == "tab") out += ' ';
            else if (name == "line-break") out += breaks ? '\n' : ' ';
            else if (skipped(c) || name == "soft-page-break") continue;
            else if (name == "p" || name == "h") {  // text boxes hold paragraphs
                if (!out.empty() && out.back() != '\n') out += breaks ? '\n' : ' ';
                runs(c, out, breaks, depth + 1);
            } else
                runs(c, out, breaks, depth + 1);  // span, a, fields, frames and text boxes, ...
        }
    }

    void paragraph(const pugi::xml_node& p, std::size_t depth) {
        std::string text;
        runs(p, text, true, depth);
        if (blank(text)) return;
        rendering::emit_paragraph(b_, text, ++para_, lim_);
    }

    // A cell's text: its paragraphs (also in lists and nested tables) joined with a space.
    void cell_text(const pugi::xml_node& cell, std::string& out, std::size_t depth) {
        guard(depth);
        for (auto c = cell.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) continue;
            const auto name = local(c);
            if (skipped(c)) continue;
            std::string t;
            if (name == "p" || name == "h") runs(c, t, false, depth + 1);
            else cell_text(c, t, depth + 1);
            if (blank(t)) continue;
            if (!out.empty()) out += ' ';
            out += t;
        }
    }

    // One table:table-row into `grid`, repeated as it says.
    void row(const pugi::xml_node& tr, std::vector<std::vector<GridSlot>>& grid, std::size_t& width,
             std::size_t depth) {
        std::vector<GridSlot> slots;
        int owed = 0;  // slots a spanned cell covers that have not come as covered cells yet
        auto grow = [&](std::size_t n) {
            if ((slots.size() + n) * (grid.size() + 1) > 1000000 || slots.size() + n > 1000000)
                throw Abort{"table too large (more than a million cells)"};
        };
        for (auto tc = tr.first_child(); tc; tc = tc.next_sibling()) {
            if (tc.type() != pugi::node_element) continue;
            const auto name = local(tc);
            if (name != "table-cell" && name != "covered-table-cell") continue;
            const auto repeat = static_cast<std::size_t>(int_attr(tc, "number-columns-repeated", 1, kMaxRepeat));
            grow(repeat);
            if (name == "covered-table-cell") {
                owed = std::max(0, owed - static_cast<int>(repeat));
                slots.resize(slots.size() + repeat);
                continue;
            }
            if (owed > 0) {  // the covered cells of the previous span did not all come
                grow(static_cast<std::size_t>(owed));
                slots.resize(slots.size() + static_cast<std::size_t>(owed));
            }
            GridSlot s;
            cell_text(tc, s.text, depth + 1);
            s.origin = true;
            for (std::size_t k = 0; k < repeat; ++k) slots.push_back(s);
            owed = int_attr(tc, "number-columns-spanned", 1, kMaxRepeat) - 1;
        }
        if (owed > 0) {
            grow(static_cast<std::size_t>(owed));
            slots.resize(slots.size() + static_cast<std::size_t>(owed));
        }
        const auto repeat = static_cast<std::size_t>(int_attr(tr, "number-rows-repeated", 1, kMaxRepeat));
        width = std::max(width, slots.size());
        if (width * (grid.size() + repeat) > 1000000) throw Abort{"table too large (more than a million cells)"};
        for (std::size_t k = 0; k < repeat; ++k) grid.push_back(slots);
    }

    // The rows of a table, also those in header rows and row groups.
    void rows(const pugi::xml_node& n, std::vector<std::vector<GridSlot>>& grid, std::size_t& width,
              std::size_t depth) {
        guard(depth);
        for (auto c = n.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) continue;
            const auto name = local(c);
            if (name == "table-row") row(c, grid, width, depth + 1);
            else if (name == "table-header-rows" || name == "table-rows" || name == "table-row-group")
                rows(c, grid, width, depth + 1);
        }
    }

    void table(const pugi::xml_node& tbl, std::size_t depth) {
        dl_.check();
        ++table_;
        std::vector<std::vector<GridSlot>> grid;
        std::size_t width = 0;
        rows(tbl, grid, width, depth);
        rendering::emit_table(b_, grid, width, table_, lim_);
    }

    Builder& b_;
    const FormatLimits& lim_;
    const rendering::Deadline& dl_;
    std::uint32_t para_ = 0, table_ = 0;
};

std::string trimmed(std::string s) {
    while (!s.empty() && is_space_char(s.back())) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && is_space_char(s[i])) ++i;
    return s.substr(i);
}

}  // namespace

ReadResult read_odt(std::string path, std::string_view bytes, const FormatLimits& flimits) {
    try {
        rendering::Deadline deadline(flimits.max_time);
        rendering::ZipPackage pkg(bytes, ".odt", flimits);
        if (pkg.has("mimetype")) {
            const std::string mime = trimmed(pkg.read("mimetype"));
            const std::string prefix = "application/vnd.oasis.opendocument.";
            if (mime != prefix + "text" && mime != prefix + "text-template") {
                std::string what = mime.rfind(prefix, 0) == 0 ? "an OpenDocument " + mime.substr(prefix.size()) +
                                                                    " document"
                                                              : "a package of type " + mime;
                throw Abort{"not an OpenDocument text document: the mimetype entry says " + what + " (" + mime + ")"};
            }
        }
        if (!pkg.has("content.xml"))
            throw Abort{"not an OpenDocument text document: the package has no content.xml"};
        std::string xml = pkg.read("content.xml");
        deadline.check();
        const std::string enc = rendering::declared_encoding(xml);
        pugi::xml_encoding encoding = pugi::encoding_utf8;
        if (enc.rfind("utf-16", 0) == 0) encoding = pugi::encoding_auto;
        else if (!enc.empty() && enc != "utf-8" && enc != "utf8")
            throw Abort{"content.xml declares encoding " + enc + ", which is not read (only UTF-8, UTF-16)"};
        pugi::xml_document doc;
        const pugi::xml_parse_result pr =
            doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata, encoding);
        if (!pr) throw Abort{std::string("damaged .odt: content.xml is not well-formed XML (") + pr.description() +
                             " at byte " + std::to_string(pr.offset) + ")"};
        pugi::xml_node root = doc.document_element();
        pugi::xml_node text = child_local(child_local(root, "body"), "text");
        if (local(root) != "document-content" || !text)
            throw Abort{"not an OpenDocument text document: content.xml has no office:body/office:text"};
        Builder b;
        Odt d(b, flimits, deadline);
        d.body(text, 0);
        if (b.text.find_first_not_of(" \t\n") == std::string::npos) throw Abort{"the OpenDocument text has no text"};
        return rendering::make_result(std::move(path), std::move(b), "odt", "ODT (UTF-8 XML)");
    } catch (const Abort& a) {
        return rendering::fail(std::move(path), a.reason);
    } catch (const std::bad_alloc&) {
        return rendering::fail(std::move(path), ".odt too large to read (out of memory)");
    }
}

}  // namespace nianbao
