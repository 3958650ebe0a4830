// Unit tests of the report-format readers (engine/read/reader.hpp): HTML,
// DOCX, ODT, PDF, format sniffing, origin maps and hostile inputs.
#include <catch2/catch.hpp>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/builtin_rules.hpp"
#include "grammar/compile.hpp"
#include "helpers.hpp"
#include "pipeline/pipeline.hpp"
#include "read/reader.hpp"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

using test::slurp;
fs::path sample(const char* name) { return test::sample_path(name); }

// The first rendered line containing `needle` (1-based), or 0.
std::uint32_t find_line(const SourceText& s, std::string_view needle) {
    for (std::uint32_t l = 1; l <= s.line_count(); ++l)
        if (s.line_text(l).find(needle) != std::string_view::npos) return l;
    return 0;
}
std::uint32_t offset_of(const SourceText& s, std::string_view needle) {
    const auto at = s.text().find(needle);
    REQUIRE(at != std::string::npos);
    return static_cast<std::uint32_t>(at);
}

// A minimal PDF with correct xref offsets; `content` is page 1's content stream.
std::string make_pdf(const std::string& content, bool image) {
    std::vector<std::string> objs;
    objs.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objs.push_back("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    objs.push_back(std::string("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << ") +
                   (image ? "/XObject << /Im1 5 0 R >>" : "/Font << /F1 5 0 R >>") + " >> >>");
    objs.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
    if (image)
        objs.push_back("<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                       "/BitsPerComponent 8 /Length 4 >>\nstream\n\x10\x80\xF0\x40\nendstream");
    else
        objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offs;
    for (std::size_t i = 0; i < objs.size(); ++i) {
        offs.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
    for (auto o : offs) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
        pdf += buf;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

// A ZIP in memory with the given entries (deflated), written by libzip.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &err);
    REQUIRE(buf != nullptr);
    zip_source_keep(buf);
    zip_t* z = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
    REQUIRE(z != nullptr);
    for (const auto& [name, data] : entries) {
        zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
        REQUIRE(zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE) >= 0);
    }
    REQUIRE(zip_close(z) == 0);
    REQUIRE(zip_source_open(buf) == 0);
    zip_stat_t st;
    zip_source_stat(buf, &st);
    std::string out(static_cast<std::size_t>(st.size), '\0');
    REQUIRE(zip_source_read(buf, out.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_source_close(buf);
    zip_source_free(buf);
    zip_error_fini(&err);
    return out;
}

const char* kDocXml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
    "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>信息内容</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>总计</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:t>二、主动公开</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del></w:p>"
    "</w:body></w:document>";

}  // namespace

TEST_CASE("sniff: content decides, the name only breaks ties", "[readers]") {
    CHECK(sniff_input("%PDF-1.7\n...", "a.docx") == InputKind::pdf);
    CHECK(sniff_input(std::string("PK\x03\x04", 4) + "....word/document.xml", "a.pdf") == InputKind::docx);
    CHECK(sniff_input(std::string("PK\x03\x04", 4) + "....xl/workbook.xml", "a.docx") == InputKind::zip_other);
    // OpenDocument: the stored mimetype entry first, or content.xml with a manifest
    CHECK(sniff_input(std::string("PK\x03\x04", 4) + std::string(26, '\0') +
                          "mimetypeapplication/vnd.oasis.opendocument.text",
                      "a.txt") == InputKind::odt);
    CHECK(sniff_input(std::string("PK\x03\x04", 4) + "...content.xml...META-INF/manifest.xml", "a") == InputKind::odt);
    CHECK(sniff_input(std::string("PK\x03\x04", 4) + "...META-INF/MANIFEST.MF...", "a.jar") == InputKind::zip_other);
    CHECK(sniff_input(std::string("PK\x03\x04", 4) + "...content.xml...", "a.odt") == InputKind::zip_other);
    CHECK(sniff_input(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "a.doc") == InputKind::legacy_word);
    CHECK(sniff_input("{\\rtf1\\ansi", "a.doc") == InputKind::rtf);
    CHECK(sniff_input("\xEF\xBB\xBF  <!DOCTYPE html><html>", "a.txt") == InputKind::html);
    CHECK(sniff_input("<p>一、总体情况</p>", "a.htm") == InputKind::html);
    CHECK(sniff_input("<p>一、总体情况</p>", "a.txt") == InputKind::text);
    CHECK(sniff_input("一、总体情况\n</span>", "a.txt") == InputKind::text);
}

TEST_CASE("html: GBK government page, main block, tables and source positions", "[readers]") {
    const fs::path p = sample("005_hongze-district-2023.html");
    auto r = read_report_file(p);
    REQUIRE(r.ok());
    const SourceText& s = *r.source;
    CHECK(s.kind() == "html");
    CHECK(s.encoding() == "GB18030");
    // The title comes first (it sits outside the article block); navigation, breadcrumb, footer and scripts are gone.
    CHECK(s.line_text(1) == "洪泽区人民政府2023年政府信息公开工作年度报告");
    for (const char* gone : {"首页", "当前位置", "主办单位", "统计代码", "相关文章", "苏ICP备"})
        CHECK(s.text().find(gone) == std::string::npos);
    // The short block between the title and the article (the page's date) follows the title, placed on the page.
    CHECK(s.line_text(2).starts_with("发布日期：2024-01-22"));
    CHECK(s.origin(s.line_span(2).begin)->line == 22);
    // Labels split across <span>/<font> come out whole.
    CHECK(find_line(s, "一、总体情况") > 0);
    // (a source line break inside the label is a space, which matching ignores next to CJK)
    CHECK(find_line(s, "\t（二）部分公开（区分处理的， 只计这一情形，不计其他情形）") > 0);
    CHECK(find_line(s, "\t3.危及“三安全一稳定”") > 0);
    // Table 四: 15 columns, the data row as 15 cell lines.
    const auto l = find_line(s, "\t行政复议");
    REQUIRE(l > 0);
    std::vector<std::string> cells;
    for (std::uint32_t k = l; k <= s.line_count() && !s.line_text(k).empty(); ++k) cells.emplace_back(s.line_text(k));
    REQUIRE(cells.size() == 15);
    CHECK(cells[0] == "\t行政复议");
    CHECK(cells[1] == "\t");  // covered by colspan=5
    CHECK(cells[5] == "\t行政诉讼");
    // Origin: line and column of the character in the HTML source.
    const std::string html = slurp(p);
    const auto o = s.origin(offset_of(s, "行政许可"));
    REQUIRE(o);
    CHECK(o->page == 0);
    const std::string gbk_label = "\xD0\xD0\xD5\xFE\xD0\xED\xBF\xC9";  // 行政许可 in GBK
    const auto at = html.find(gbk_label);
    REQUIRE(at != std::string::npos);
    std::uint32_t line = 1, col = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (html[i] == '\n') {
            line++;
            col = 1;
        } else if (html[i] != '\r' && (static_cast<unsigned char>(html[i]) < 0x80 || (i > 0 && static_cast<unsigned char>(html[i - 1]) < 0x80) || true)) {
            // GBK: a lead byte >= 0x81 starts a two-byte character
            if (static_cast<unsigned char>(html[i]) >= 0x81) ++i;
            ++col;
        }
    }
    CHECK(o->line == line);
    CHECK(o->column == col);
}

TEST_CASE("html: rowspan/colspan expanded, entities and hostile markup", "[readers]") {
    const std::string page =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>var x='一、总体情况';</script></head><body>"
        "<div class=nav>首页 | 政务公开</div><div id=content><p>一、总体情况</p><p>A&amp;B&nbsp;C</p>"
        "<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c</td><td>d</td></tr></table>"
        "<p>二、主动公开</p></div><footer>版权所有</footer></body></html>";
    auto r = read_report_bytes("t.html", page);
    REQUIRE(r.ok());
    CHECK(r.source->text() == "一、总体情况\nA&B C\n\ta\n\tb\n\t\n\n\t\n\tc\n\td\n\n二、主动公开\n");
    const auto o = r.source->origin(offset_of(*r.source, "C\n"));
    REQUIRE(o);
    CHECK(o->line == 1);
    std::size_t at = 0;  // the code point at that column
    for (std::uint32_t c = 1; c < o->column; ++c) {
        ++at;
        while (at < page.size() && (static_cast<unsigned char>(page[at]) & 0xC0u) == 0x80u) ++at;
    }
    CHECK(page.substr(at, 7) == "C</p><t");

    std::string deep = "<html><body>";
    for (int i = 0; i < 100000; ++i) deep += "<div>";
    deep += "一、总体情况";
    auto d = read_report_bytes("deep.html", deep);
    REQUIRE_FALSE(d.ok());
    CHECK(d.error->reason.find("nested too deeply") != std::string::npos);

    auto e = read_report_bytes("empty.html", "");
    REQUIRE_FALSE(e.ok());
    auto g = read_report_bytes("garbage.html", std::string("<\0\x01\x02\xff\xfe garbage", 15));
    REQUIRE_FALSE(g.ok());
    auto n = read_report_bytes("blank.html", "<html><body><script>x</script></body></html>");
    REQUIRE_FALSE(n.ok());
    CHECK(n.error->reason == "HTML page has no visible text");
}

TEST_CASE("html: date <meta> lines, covered slots placed at their cell", "[readers]") {
    const std::string page =
        "<html><head>\n<meta name=\"PubDate\" content=\"2024-01-18 10:20\">\n<meta name=\"keywords\" content=\"x\">"
        "\n<meta property=\"article:published_time\" content=\"2024-01-19T08:00:00+08:00\"></head><body>\n"
        "<p>一、总体情况</p><table><tr><td colspan=2>a</td><td></td></tr></table><p>二、主动公开</p></body></html>";
    auto r = read_report_bytes("m.html", page);
    REQUIRE(r.ok());
    const SourceText& s = *r.source;
    CHECK(s.line_text(1) == "PubDate: 2024-01-18 10:20");
    CHECK(s.line_text(2) == "article:published_time: 2024-01-19T08:00:00+08:00");
    CHECK(s.text().find("keywords") == std::string::npos);
    const auto m = s.origin(s.line_span(1).begin);
    REQUIRE(m);
    CHECK(m->line == 2);  // at the content of the first <meta>
    // "\ta", the covered slot "\t" and the blank cell "\t": the covered slot is placed where "a"'s cell is,
    // the blank cell at its own <td>.
    const std::uint32_t a = static_cast<std::uint32_t>(s.text().find("\ta\n"));
    CHECK(s.origin(a) == s.origin(a + 3));
    CHECK(s.origin(a + 3) != s.origin(a + 5));
}

TEST_CASE("docx: paragraphs, gridSpan/vMerge tables, where", "[readers]") {
    const std::string docx = make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", kDocXml}});
    auto r = read_report_bytes("t.docx", docx);
    REQUIRE(r.ok());
    const SourceText& s = *r.source;
    CHECK(s.kind() == "docx");
    CHECK(s.text() == "一、总体情况\n\t信息内容\n\t\n\t总计\n\n\t规章\n\t3\n\t\n\n二、主动公开\n");
    auto o = s.origin(offset_of(s, "总计"));
    REQUIRE(o);
    CHECK(o->where == "表1 第1行 第3列");
    o = s.origin(offset_of(s, "主动公开"));
    REQUIRE(o);
    CHECK(o->where == "第2段");
    CHECK(o->line == 2);
    CHECK(o->column == 3);

    // The sample: table 四's data row.
    auto sr = read_report_file(sample("006_hongze-district-2023.docx"));
    REQUIRE(sr.ok());
    CHECK(find_line(*sr.source, "\t（二）部分公开 （区分处理的，只计这一情形，不计其他情形）") > 0);
}

TEST_CASE("docx: hostile and wrong packages", "[readers]") {
    // Zip bomb: 40 MB of spaces (under the size limit) compress about 1000:1.
    const std::string bomb = make_zip({{"word/document.xml", std::string(40u << 20, ' ')}});
    auto b = read_report_bytes("bomb.docx", bomb);
    REQUIRE_FALSE(b.ok());
    INFO(b.error->reason);
    CHECK(b.error->reason.find("zip bomb") != std::string::npos);
    FormatLimits small;
    small.max_unpacked_bytes = 100;
    auto b2 = read_report_bytes("big.docx", make_zip({{"word/document.xml", kDocXml}}), {}, small);
    REQUIRE_FALSE(b2.ok());
    CHECK(b2.error->reason.find("too large uncompressed") != std::string::npos);
    std::vector<std::pair<std::string, std::string>> many;
    for (int i = 0; i < 20; ++i) many.emplace_back("f" + std::to_string(i), "x");
    many.emplace_back("word/document.xml", kDocXml);
    small = FormatLimits{};
    small.max_entries = 10;
    CHECK_FALSE(read_report_bytes("many.docx", make_zip(many), {}, small).ok());

    const std::string good = make_zip({{"word/document.xml", kDocXml}});
    auto t = read_report_bytes("trunc.docx", good.substr(0, good.size() / 2));
    REQUIRE_FALSE(t.ok());
    CHECK(t.error->reason.find("damaged .docx") != std::string::npos);
    auto x = read_report_bytes("bad.docx", make_zip({{"word/document.xml", "<w:document><w:body><w:p>"}}));
    REQUIRE_FALSE(x.ok());
    CHECK(x.error->reason.find("not well-formed") != std::string::npos);
    std::string deep = "<w:document xmlns:w=\"w\"><w:body><w:p>";
    for (int i = 0; i < 5000; ++i) deep += "<w:r>";
    for (int i = 0; i < 5000; ++i) deep += "</w:r>";
    deep += "</w:p></w:body></w:document>";
    auto dd = read_report_bytes("deep.docx", make_zip({{"word/document.xml", deep}}));
    REQUIRE_FALSE(dd.ok());
    CHECK(dd.error->reason.find("nested too deeply") != std::string::npos);

    auto g = read_report_bytes("garbage.docx", "\x01\x02\x03 not a zip at all");
    REQUIRE_FALSE(g.ok());
    CHECK(g.error->reason == "not a Word .docx file (no ZIP signature)");
    auto e = read_report_bytes("empty.docx", "");
    CHECK_FALSE(e.ok());
    auto doc = read_report_bytes("old.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'));
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error->reason.find("convert it to .docx or .pdf") != std::string::npos);
    auto wps = read_report_bytes("old.wps", "plain bytes");
    REQUIRE_FALSE(wps.ok());
    CHECK(wps.error->reason.find("convert it to .docx or .pdf") != std::string::npos);
    ReadLimits tiny;
    tiny.max_bytes = 100;
    auto big = read_report_bytes("big.docx", good, tiny);
    REQUIRE_FALSE(big.ok());
    CHECK(big.error->reason.find("file too large") != std::string::npos);
}

TEST_CASE("pdf: hongze-district-2023 tables as rows, page origins", "[readers]") {
    auto r = read_report_file(sample("007_hongze-district-2023.pdf"));
    REQUIRE(r.ok());
    const SourceText& s = *r.source;
    CHECK(s.kind() == "pdf");
    // Table 四's data row: 15 numbers separated by at least two spaces.
    const auto l = find_line(s, "10   1");
    REQUIRE(l > 0);
    std::istringstream row{std::string(s.line_text(l))};
    std::vector<std::string> nums;
    for (std::string w; row >> w;) nums.push_back(w);
    CHECK(nums == std::vector<std::string>{"10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"});
    CHECK(s.line_text(l).find("1  ") != std::string_view::npos);
    const auto o = s.origin(s.line_span(l).begin + 2);
    REQUIRE(o);
    CHECK(o->page == 4);
    CHECK(o->where == "第4页");
    CHECK(o->column == 3);
    // Table 三: a row label followed by its seven numbers; the page number kept on its own line.
    const auto t3 = find_line(s, "一、本年新收政府信息公开申请数量");
    REQUIRE(t3 > 0);
    CHECK(s.line_text(t3).find("21") != std::string_view::npos);
    CHECK(find_line(s, "-3-") > 0);
}

TEST_CASE("pdf: scanned, broken, truncated, garbage and misnamed", "[readers]") {
    const std::string text_pdf = make_pdf("BT /F1 12 Tf 20 150 Td (Annual report of the government information) Tj ET", false);
    auto ok = read_report_bytes("t.docx", text_pdf);  // a PDF named .docx is read as a PDF
    REQUIRE(ok.ok());
    CHECK(ok.source->kind() == "pdf");
    CHECK(ok.source->text().find("Annual report") != std::string::npos);

    auto scan = read_report_bytes("scan.pdf", make_pdf("q 200 0 0 200 0 0 cm /Im1 Do Q", true));
    REQUIRE_FALSE(scan.ok());
    CHECK(scan.error->reason.find("no text layer") != std::string::npos);
    CHECK(scan.error->reason.find("OCR it first") != std::string::npos);

    std::string broken = text_pdf;
    const auto x = broken.find("xref\n");
    broken.replace(x, 4, "xqef");
    for (auto p = broken.find("0000000", x); p != std::string::npos; p = broken.find("0000000", p + 7)) broken[p] = '9';
    auto b = read_report_bytes("broken.pdf", broken);  // poppler reconstructs the xref, or a clean error
    if (!b.ok()) CHECK_FALSE(b.error->reason.empty());
    for (std::size_t cut : {std::size_t{9}, text_pdf.size() / 3, text_pdf.size() - 20}) {
        auto t = read_report_bytes("trunc.pdf", text_pdf.substr(0, cut));
        if (!t.ok()) CHECK(t.error->reason.find('\n') == std::string::npos);
    }
    auto g = read_report_bytes("garbage.pdf", std::string("%PDF-1.4\n") + std::string(5000, '\x9c'));
    REQUIRE_FALSE(g.ok());
    auto n = read_report_bytes("notpdf.pdf", "just some text");
    REQUIRE_FALSE(n.ok());
    CHECK(n.error->reason == "not a PDF file (no %PDF- header)");
    CHECK_FALSE(read_report_bytes("empty.pdf", "").ok());
}

TEST_CASE("pdf: a heading printed down the table's side does not split a row from its numbers", "[readers][pdf]") {
    // The geometry of 洪泽区 2024's table 三 (page 3): the side heading 三、本年度办理结果 is
    // printed one or two characters per line down the left edge, and one of its
    // characters overlaps half of the row "3.危及…" beside it.  Reading top-down, the
    // row's numbers used to join that character and the label became a line of
    // its own, without numbers.  Here in Helvetica, sizes and tops as in the
    // report (top = 200 - baseline - 0.718 x size).
    auto word = [](double size, double x, double top, const std::string& text) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "BT /F1 %.2f Tf %.2f %.2f Td (%s) Tj ET\n", size, x, 200 - top - 0.718 * size,
                      text.c_str());
        return std::string(buf);
    };
    std::string c;
    c += word(21.5, 5, 14.76, "B");         // side heading, two characters tall
    c += word(14.47, 20, 19.35, "2.");      // row 2
    c += word(9.72, 28, 21.96, "Other");
    for (double x : {100.0, 115.0, 130.0}) c += word(15.18, x, 19.30, "0");
    c += word(10.76, 5, 34.80, "Y");        // side heading, one character: overlaps row 3's numbers
    c += word(14.47, 20, 41.67, "3.");      // row 3
    c += word(9.72, 28, 44.28, "Danger");
    c += word(15.18, 100, 39.58, "1");
    c += word(15.18, 115, 39.58, "0");
    c += word(15.18, 130, 39.58, "1");
    c += word(21.5, 5, 44.88, "DB");        // side heading, two characters tall
    c += word(14.47, 20, 59.79, "4.");      // row 4
    c += word(9.72, 28, 62.40, "Third");
    for (double x : {100.0, 115.0, 130.0}) c += word(15.18, x, 59.74, "0");
    c += word(10.76, 5, 64.92, "L");
    auto r = read_report_bytes("side.pdf", make_pdf(c, false));
    REQUIRE(r.ok());
    const SourceText& s = *r.source;
    INFO(s.text());
    auto words_of = [&](const char* needle) {
        const auto l = find_line(s, needle);
        std::vector<std::string> out;
        if (l == 0) return out;
        std::istringstream in{std::string(s.line_text(l))};
        for (std::string w; in >> w;) out.push_back(w);
        return out;
    };
    // each label on the line of its own numbers (the side heading's letters may sit in front)
    auto row3 = words_of("Danger");
    REQUIRE(row3.size() >= 4);
    CHECK(std::vector<std::string>(row3.end() - 3, row3.end()) == std::vector<std::string>{"1", "0", "1"});
    auto row2 = words_of("Other");
    REQUIRE(row2.size() >= 4);
    CHECK(std::vector<std::string>(row2.end() - 3, row2.end()) == std::vector<std::string>{"0", "0", "0"});
    auto row4 = words_of("Third");
    REQUIRE(row4.size() >= 4);
    CHECK(std::vector<std::string>(row4.end() - 3, row4.end()) == std::vector<std::string>{"0", "0", "0"});
}

namespace {

const char* kOdtNs =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"";

std::string odt_content(const std::string& body) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content ") + kOdtNs +
           "><office:body><office:text>" + body + "</office:text></office:body></office:document-content>";
}

// An .odt package as libzip writes it (every entry deflated: sniffed by content.xml and the manifest).
std::string make_odt(const std::string& content, const std::string& mimetype = "application/vnd.oasis.opendocument.text") {
    return make_zip({{"mimetype", mimetype}, {"content.xml", content}, {"META-INF/manifest.xml", "<manifest/>"}});
}

rules::CompileResult builtin_library() {
    std::vector<std::shared_ptr<const SourceText>> files;
    for (const auto& f : builtin_rule_files())
        files.push_back(std::make_shared<const SourceText>(std::string(f.name), std::string(f.text)));
    return rules::compile_rules(files);
}

}  // namespace

TEST_CASE("odt: paragraphs, headings, spans, spaces, tabs, line breaks; skipped notes and deletions", "[readers]") {
    const std::string body =
        "<text:sequence-decls><text:sequence-decl text:name=\"Table\"/></text:sequence-decls>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>删掉的</text:p></text:deletion>"
        "</text:changed-region></text:tracked-changes>"
        "<text:h text:outline-level=\"1\"><text:span>一、</text:span><text:span>总体情况</text:span></text:h>"
        "<text:p>  甲<text:s text:c=\"3\"/>乙<text:tab/>丙\n   丁<text:line-break/>第二行"
        "<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注</text:p></text:note-body>"
        "</text:note></text:p>"
        "<text:p/><text:p> </text:p>"
        "<text:list><text:list-item><text:p>（一）<text:a xlink:href=\"x\" xmlns:xlink=\"l\">链接</text:a></text:p>"
        "</text:list-item></text:list>"
        "<text:section><text:p>节内<text:soft-page-break/>文字<office:annotation><text:p>批注</text:p>"
        "</office:annotation><draw:frame xmlns:draw=\"d\" xmlns:svg=\"s\"><draw:image><svg:title>图片说明</svg:title>"
        "</draw:image></draw:frame><text:title>标题域</text:title></text:p></text:section>";
    auto r = read_report_bytes("t.odt", make_odt(odt_content(body)));
    INFO((r.ok() ? r.source->text() : r.error->reason));
    REQUIRE(r.ok());
    const SourceText& s = *r.source;
    CHECK(s.kind() == "odt");
    CHECK(s.encoding() == "ODT (UTF-8 XML)");
    CHECK(s.text() == "一、总体情况\n甲   乙 丙 丁\n第二行\n（一）链接\n节内文字标题域\n");
    auto o = s.origin(offset_of(s, "第二行"));
    REQUIRE(o);
    CHECK(o->where == "第2段");
    CHECK(o->line == 2);
    CHECK(o->column == 10);
    o = s.origin(offset_of(s, "链接"));
    REQUIRE(o);
    CHECK(o->where == "第3段");
    CHECK(o->column == 4);
}

TEST_CASE("odt: tables with spans, covered cells, repeats, header rows, nested paragraphs", "[readers]") {
    const std::string body =
        "<text:p>表</text:p>"
        "<table:table><table:table-column table:number-columns-repeated=\"3\"/>"
        "<table:table-header-rows><table:table-row>"
        "<table:table-cell table:number-columns-spanned=\"2\"><text:p>信息内容</text:p></table:table-cell>"
        "<table:covered-table-cell/>"
        "<table:table-cell table:number-rows-spanned=\"2\"><text:p>总计</text:p></table:table-cell>"
        "</table:table-row></table:table-header-rows>"
        "<table:table-row><table:table-cell><text:p>规章</text:p><text:p>（件）</text:p></table:table-cell>"
        "<table:table-cell><text:p>3</text:p></table:table-cell><table:covered-table-cell/></table:table-row>"
        // a span without its covered cells, and a repeated row of repeated cells
        "<table:table-row><table:table-cell table:number-columns-spanned=\"3\"><text:p>合计</text:p></table:table-cell>"
        "</table:table-row>"
        "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"3\">"
        "<text:p>0</text:p></table:table-cell></table:table-row>"
        "</table:table>";
    auto r = read_report_bytes("t.odt", make_odt(odt_content(body)));
    INFO((r.ok() ? r.source->text() : r.error->reason));
    REQUIRE(r.ok());
    const SourceText& s = *r.source;
    CHECK(s.text() ==
          "表\n"
          "\t信息内容\n\t\n\t总计\n\n"
          "\t规章 （件）\n\t3\n\t\n\n"
          "\t合计\n\t\n\t\n\n"
          "\t0\n\t0\n\t0\n\n"
          "\t0\n\t0\n\t0\n\n");
    auto o = s.origin(offset_of(s, "总计"));
    REQUIRE(o);
    CHECK(o->where == "表1 第1行 第3列");
    o = s.origin(offset_of(s, "3\n"));
    REQUIRE(o);
    CHECK(o->where == "表1 第2行 第2列");

    // a repeat is capped at 1024, and a table at a million slots
    const std::string tall =
        "<table:table><table:table-row table:number-rows-repeated=\"100000\"><table:table-cell>"
        "<text:p>0</text:p></table:table-cell></table:table-row></table:table>";
    auto t = read_report_bytes("tall.odt", make_odt(odt_content(tall)));
    REQUIRE(t.ok());
    CHECK(t.source->text() == [] {
        std::string rows;
        for (int i = 0; i < 1024; ++i) rows += "\t0\n\n";  // each row: its cell's line and a blank line
        return rows;
    }());
    const std::string wide =
        "<table:table><table:table-row table:number-rows-repeated=\"100000\"><table:table-cell "
        "table:number-columns-repeated=\"100000\"><text:p>0</text:p></table:table-cell></table:table-row></table:table>";
    auto w = read_report_bytes("wide.odt", make_odt(odt_content(wide)));
    REQUIRE_FALSE(w.ok());
    CHECK(w.error->reason == "table too large (more than a million cells)");
}

TEST_CASE("odt: the converted 洪泽区 2023 report reads as its DOCX, with the same findings", "[readers]") {
    const fs::path odt = fs::path(NIANBAO_TEST_DATA) / "readers" / "hongze-district-2023.odt";
    auto r = read_report_file(odt);
    INFO((r.ok() ? "" : r.error->reason));
    REQUIRE(r.ok());
    CHECK(sniff_input(slurp(odt), odt.string()) == InputKind::odt);
    auto d = read_report_file(sample("006_hongze-district-2023.docx"));
    REQUIRE(d.ok());
    CHECK(r.source->text() == d.source->text());

    auto lib = builtin_library();
    REQUIRE(lib.ok());
    Pipeline pipeline(*lib.library);
    const ReportResult a = pipeline.check_file(odt), b = pipeline.check_file(sample("006_hongze-district-2023.docx"));
    REQUIRE_FALSE(a.error);
    REQUIRE(a.findings.size() == b.findings.size());
    bool t4 = false;
    for (std::size_t i = 0; i < a.findings.size(); ++i) {
        const Finding &x = a.findings[i], &y = b.findings[i];
        CHECK(x.rule == y.rule);
        CHECK(x.message == y.message);
        CHECK(x.pos.line == y.pos.line);
        REQUIRE(x.origin);
        REQUIRE(y.origin);
        CHECK(x.origin->where == y.origin->where);
        CHECK(x.origin->column == y.origin->column);
        t4 = t4 || (x.rule == "T4-02" && x.origin->where.rfind("表", 0) == 0);
    }
    CHECK(t4);  // table 四's 总计 0 is found, at a cell of the file
}

TEST_CASE("odt: damaged and wrong packages give one-line errors", "[readers]") {
    const std::string content = odt_content("<text:p>一、总体情况</text:p>");
    const std::string good = make_odt(content);
    REQUIRE(read_report_bytes("good.odt", good).ok());
    auto reason = [](const ReadResult& r) {
        REQUIRE_FALSE(r.ok());
        CHECK(r.error->reason.find('\n') == std::string::npos);
        return r.error->reason;
    };
    // the real file, truncated: still sniffed as ODT (its stored mimetype comes first)
    const std::string real = slurp(fs::path(NIANBAO_TEST_DATA) / "readers" / "hongze-district-2023.odt");
    REQUIRE(real.size() > 1000);
    CHECK(reason(read_report_bytes("trunc.odt", real.substr(0, real.size() / 2))).rfind("damaged .odt (", 0) == 0);
    CHECK(reason(read_report_bytes("none.odt", make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                                         {"META-INF/manifest.xml", "<m/>"},
                                                         {"styles.xml", "<s/>"}}))) ==
          "not an OpenDocument text document: the package has no content.xml");
    CHECK(reason(read_report_bytes("bad.odt", make_odt(odt_content("<text:p>一、总体情况</text:span>")))).find(
              "damaged .odt: content.xml is not well-formed XML (") == 0);
    CHECK(reason(read_report_bytes("sheet.odt", make_odt(content, "application/vnd.oasis.opendocument.spreadsheet"))) ==
          "not an OpenDocument text document: the mimetype entry says an OpenDocument spreadsheet document "
          "(application/vnd.oasis.opendocument.spreadsheet)");
    CHECK(reason(read_report_bytes("pres.odt", make_odt("<office:document-content " + std::string(kOdtNs) +
                                                        "><office:body><office:presentation/></office:body>"
                                                        "</office:document-content>"))) ==
          "not an OpenDocument text document: content.xml has no office:body/office:text");
    CHECK(reason(read_report_bytes("empty.odt", make_odt(odt_content("<text:p> </text:p>")))) ==
          "the OpenDocument text has no text");
    CHECK(reason(read_report_bytes("latin.odt",
                                   make_odt("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><office:document-content/>"))) ==
          "content.xml declares encoding iso-8859-1, which is not read (only UTF-8, UTF-16)");
    std::string deep = "<text:p>";
    for (int i = 0; i < 5000; ++i) deep += "<text:span>";
    for (int i = 0; i < 5000; ++i) deep += "</text:span>";
    CHECK(reason(read_report_bytes("deep.odt", make_odt(odt_content(deep + "</text:p>")))).find("nested too deeply") !=
          std::string::npos);
    CHECK(reason(read_report_bytes("bomb.odt", make_odt(odt_content("<text:p>" + std::string(40u << 20, ' ') +
                                                                    "</text:p>")))).find("zip bomb") != std::string::npos);
    FormatLimits few;
    few.max_entries = 2;
    CHECK(reason(read_report_bytes("many.odt", good, {}, few)).rfind("too many entries in the .odt package", 0) == 0);
    CHECK(reason(read_report_bytes("garbage.odt", "not a zip at all")) ==
          "not an OpenDocument .odt file (no ZIP signature)");
    CHECK(reason(read_report_bytes("other.zip", make_zip({{"data.csv", "a,b"}}))).find("not a Word .docx or "
                                                                                        "OpenDocument .odt") !=
          std::string::npos);
}
