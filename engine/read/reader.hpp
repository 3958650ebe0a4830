// Reading a report in any of the formats nianbao accepts: plain text (see
// decode.hpp), a saved HTML page, a Word .docx package, an OpenDocument text
// (.odt) package or a PDF with a text layer.  The format is sniffed from the content, not the file name; the name
// only decides between HTML and text when the content could be either.
//
// HTML, DOCX, ODT and PDF inputs are rendered to text the rest of the pipeline
// understands (paragraphs as lines, real tables in the cell-per-line layout,
// PDF table rows as lines with columns separated by two or more spaces), and
// the SourceText carries an origin map back into the original file (see
// SourceText::origin and docs/input-formats.md).
#pragma once
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "read/decode.hpp"

namespace nianbao {

// Guards against hostile files, on top of ReadLimits::max_bytes.
struct FormatLimits {
    std::size_t max_unpacked_bytes = 64u << 20;  // DOCX / ODT: uncompressed size of an entry read
    std::size_t max_ratio = 200;                 // DOCX / ODT: uncompressed / compressed size of an entry
    std::size_t max_entries = 10000;             // DOCX / ODT: entries in the ZIP directory
    std::size_t max_depth = 256;                 // HTML / DOCX / ODT: element nesting
    std::size_t max_pages = 2000;                // PDF
    std::size_t max_output_bytes = 32u << 20;    // size of the text rendering
    std::chrono::milliseconds max_time{60000};   // wall time for one file (checked between pages/blocks)
};

// odt: a ZIP whose first entry is the OpenDocument `mimetype` (any OpenDocument
// type: the reader names a spreadsheet or presentation), or that holds
// META-INF/manifest.xml (an OpenDocument package whose mimetype is not first).
enum class InputKind { text, html, docx, odt, pdf, legacy_word, rtf, zip_other };
std::string_view to_string(InputKind k);

// What the bytes are; `name` (the file name) only breaks the tie between HTML
// and text for markup that does not start with <!DOCTYPE html> / <html>.
InputKind sniff_input(std::string_view bytes, std::string_view name);

// Reads a report file of any supported format.
ReadResult read_report_file(const std::filesystem::path& path, const ReadLimits& limits = {},
                            const FormatLimits& flimits = {});
// Same, for bytes in memory (`path` is used for messages and the format tie-break).
ReadResult read_report_bytes(std::string path, std::string_view bytes, const ReadLimits& limits = {},
                             const FormatLimits& flimits = {});

// The individual readers (bytes already sniffed).
ReadResult read_html(std::string path, std::string_view bytes, const ReadLimits& limits, const FormatLimits& flimits);
ReadResult read_docx(std::string path, std::string_view bytes, const FormatLimits& flimits);
ReadResult read_odt(std::string path, std::string_view bytes, const FormatLimits& flimits);
ReadResult read_pdf(std::string path, std::string_view bytes, const FormatLimits& flimits);

}  // namespace nianbao
