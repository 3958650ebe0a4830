// Format sniffing and dispatch (see reader.hpp).
#include "read/reader.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/utf8.hpp"
#include "read/rendering.hpp"

namespace nianbao {

namespace rendering {

int display_width(char32_t c) { return utf8::width(c); }

ReadResult fail(std::string path, std::string reason) {
    ReadResult r;
    r.error = InputError{std::move(path), std::move(reason)};
    return r;
}

ReadResult make_result(std::string path, Builder&& b, std::string kind, std::string encoding) {
    ReadResult r;
    r.source.emplace(std::move(path), std::move(b.text), std::move(encoding));
    r.source->set_origins(std::move(kind), std::move(b.anchors), std::move(b.wheres));
    return r;
}

}  // namespace rendering

std::string_view to_string(InputKind k) {
    switch (k) {
        case InputKind::text: return "text";
        case InputKind::html: return "html";
        case InputKind::docx: return "docx";
        case InputKind::odt: return "odt";
        case InputKind::pdf: return "pdf";
        case InputKind::legacy_word: return "legacy-word";
        case InputKind::rtf: return "rtf";
        case InputKind::zip_other: return "zip";
    }
    return "text";
}

namespace {

std::string lower_ext(std::string_view name) {
    const auto slash = name.find_last_of("/\\");
    const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    const auto dot = base.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return {};
    std::string ext(base.substr(dot));
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Start of the content after a BOM (UTF-8/UTF-16 are sniffed on the ASCII
// bytes, so UTF-16 markup is recognised by its interleaved NULs being dropped).
std::string markup_prefix(std::string_view bytes) {
    std::string_view head = bytes.substr(0, 4096);
    std::string ascii;
    for (char c : head)
        if (c != '\0') ascii.push_back(c);
    std::size_t i = 0;
    if (ascii.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
    else if (ascii.size() >= 2 && ((ascii[0] == '\xFF' && ascii[1] == '\xFE') || (ascii[0] == '\xFE' && ascii[1] == '\xFF')))
        i = 2;
    while (i < ascii.size() && std::isspace(static_cast<unsigned char>(ascii[i]))) ++i;
    return ascii_lower(std::string_view(ascii).substr(i));
}

bool zip_has_word_document(std::string_view bytes) {
    // The central directory names every entry; "word/document.xml" is the
    // main part of a WordprocessingML package.
    return bytes.find("word/document.xml") != std::string_view::npos;
}

// An OpenDocument package: its first entry, stored, is `mimetype` holding the
// media type (ODF 1.2 part 3, 3.3); a producer that did not follow that still
// writes META-INF/manifest.xml (a JAR's is META-INF/MANIFEST.MF).
bool zip_is_opendocument(std::string_view bytes) {
    return bytes.substr(0, 200).find("mimetypeapplication/vnd.oasis.opendocument.") != std::string_view::npos ||
           bytes.find("META-INF/manifest.xml") != std::string_view::npos;
}

}  // namespace

InputKind sniff_input(std::string_view bytes, std::string_view name) {
    const std::string ext = lower_ext(name);
    if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return InputKind::pdf;
    if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4))
        return zip_has_word_document(bytes)   ? InputKind::docx
               : zip_is_opendocument(bytes) ? InputKind::odt
                                            : InputKind::zip_other;
    if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return InputKind::legacy_word;
    const std::string head = markup_prefix(bytes);
    if (head.rfind("{\\rtf", 0) == 0) return InputKind::rtf;
    std::string_view h = head;
    // Skip an XML declaration and comments before the root element.
    for (int guard = 0; guard < 16; ++guard) {
        if (h.rfind("<?xml", 0) == 0 || h.rfind("<!--", 0) == 0) {
            const auto end = h.find(h.rfind("<!--", 0) == 0 ? "-->" : "?>");
            if (end == std::string_view::npos) break;
            h.remove_prefix(end + (h[1] == '!' ? 3 : 2));
            while (!h.empty() && std::isspace(static_cast<unsigned char>(h.front()))) h.remove_prefix(1);
            continue;
        }
        break;
    }
    if (h.rfind("<!doctype html", 0) == 0 || h.rfind("<html", 0) == 0 || h.rfind("<head", 0) == 0 ||
        h.rfind("<meta", 0) == 0)
        return InputKind::html;
    const bool html_name = ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".shtml" || ext == ".mht";
    if (html_name && !h.empty() && h.front() == '<') return InputKind::html;
    // Word's "save as web page" output often carries a .doc name.
    if ((ext == ".doc" || ext == ".wps") && head.find("<html") != std::string::npos) return InputKind::html;
    return InputKind::text;
}

ReadResult read_report_bytes(std::string path, std::string_view bytes, const ReadLimits& limits,
                             const FormatLimits& flimits) {
    using rendering::fail;
    if (bytes.size() > limits.max_bytes)
        return fail(std::move(path), "file too large (" + std::to_string(bytes.size()) + " bytes, limit " +
                                         std::to_string(limits.max_bytes) + ")");
    const std::string ext = lower_ext(path);
    const InputKind kind = sniff_input(bytes, path);
    switch (kind) {
        case InputKind::pdf: return read_pdf(std::move(path), bytes, flimits);
        case InputKind::docx: return read_docx(std::move(path), bytes, flimits);
        case InputKind::odt: return read_odt(std::move(path), bytes, flimits);
        case InputKind::html: return read_html(std::move(path), bytes, limits, flimits);
        case InputKind::legacy_word:
            return fail(std::move(path),
                        "legacy Word/WPS binary document (.doc/.wps, OLE2): nianbao cannot read it; convert it to "
                        ".docx or .pdf");
        case InputKind::rtf:
            return fail(std::move(path), "RTF document: nianbao cannot read it; convert it to .docx or .pdf");
        case InputKind::zip_other:
            return fail(std::move(path),
                        "ZIP archive without word/document.xml or an OpenDocument mimetype: not a Word .docx or "
                        "OpenDocument .odt document");
        case InputKind::text: break;
    }
    if (bytes.empty()) return decode_text(std::move(path), bytes, limits);
    // A name that promises a container format the content does not have.
    if (ext == ".pdf") return fail(std::move(path), "not a PDF file (no %PDF- header)");
    if (ext == ".docx") return fail(std::move(path), "not a Word .docx file (no ZIP signature)");
    if (ext == ".odt") return fail(std::move(path), "not an OpenDocument .odt file (no ZIP signature)");
    if (ext == ".doc" || ext == ".wps")
        return fail(std::move(path),
                    "not a readable Word/WPS document (no OLE2 or ZIP signature); convert it to .docx or .pdf");
    return decode_text(std::move(path), bytes, limits);
}

ReadResult read_report_file(const std::filesystem::path& path, const ReadLimits& limits, const FormatLimits& flimits) {
    return read_file_with(path, limits,
                          [&](std::string_view bytes) { return read_report_bytes(path.string(), bytes, limits, flimits); });
}

}  // namespace nianbao
