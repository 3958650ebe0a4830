// Hostile inputs at the readers (issue 17): every text entering the document
// model is valid UTF-8, nesting that a naive count misses is refused, and a
// PDF word far out on the page does not become gigabytes of spaces.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "core/utf8.hpp"
#include "helpers.hpp"
#include "read/reader.hpp"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

fs::path hostile(const char* name) { return fs::path(NIANBAO_TEST_DATA) / "hostile" / name; }

std::size_t longest_line(std::string_view t) {
    std::size_t best = 0;
    for (std::size_t at = 0; at <= t.size();) {
        auto nl = t.find('\n', at);
        if (nl == std::string_view::npos) nl = t.size();
        best = std::max(best, nl - at);
        at = nl + 1;
    }
    return best;
}

std::string repeat(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

const char* kHead = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>";

}  // namespace

TEST_CASE("docx: invalid UTF-8 in the XML becomes U+FFFD, GBK XML is decoded", "[readers][hostile]") {
    auto c = read_report_file(hostile("docx_charref.docx"));  // &#xD800; &#0; &#x110000; &#65535;
    REQUIRE(c.ok());
    CHECK(utf8::first_invalid(c.source->text()) == std::string::npos);
    // A surrogate is 3 bad bytes, each U+FFFD.  (pugixml ends the text at &#0;.)
    CHECK(c.source->text().rfind("\uFFFD\uFFFD\uFFFD ", 0) == 0);

    auto f = read_report_file(hostile("docx_rawff.docx"));  // "BAD\xFF\xFE BYTES" in a part declared UTF-8
    REQUIRE(f.ok());
    CHECK(f.source->text() == "2023年度报告 BAD\uFFFD\uFFFD BYTES\n");

    auto g = read_report_file(hostile("docx_gbk.docx"));  // <?xml ... encoding="GBK"?>
    REQUIRE(g.ok());
    CHECK(g.source->text() == "张店区2023年政府信息公开工作年度报告\n");
}

TEST_CASE("html: surrogate and out-of-range character references stay valid UTF-8", "[readers][hostile]") {
    auto r = read_report_bytes("refs.html", std::string(kHead) +
                                                "<p>一、总体情况 &#xD800; &#xDFFF; &#x110000; &#0; 2023年</p></body></html>");
    REQUIRE(r.ok());
    CHECK(utf8::first_invalid(r.source->text()) == std::string::npos);
    CHECK(r.source->text().find("2023年") != std::string::npos);
}

TEST_CASE("html: nesting pre-scan counts \"<div/>\" and nested tables", "[readers][hostile]") {
    // "<div/>" opens a div in HTML: 20 000 of them nest 20 000 deep.
    auto d = read_report_bytes("selfclose.html", std::string(kHead) + repeat("<div/>", 20000) + "x</body></html>");
    REQUIRE_FALSE(d.ok());
    CHECK(d.error->reason.find("nested too deeply") != std::string::npos);
    // An implied </td> or </tr> does not reach past a <table>.
    auto t = read_report_bytes("tables.html", std::string(kHead) + repeat("<table><tr><td>", 20000) + "x</body></html>");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error->reason.find("nested too deeply") != std::string::npos);
    // ... yet sibling cells, rows and paragraphs still close each other, and
    // "/>" closes inside svg.
    const std::string flat = std::string(kHead) + "<p>一、总体情况</p><table>" +
                             repeat("<tr><td>1<td>2<td>3", 3000) + "</table>" + repeat("<p>二、主动公开", 3000) + "<svg>" +
                             repeat("<path d='M0 0'/>", 3000) + "</svg><div/>end</body></html>";
    auto f = read_report_bytes("flat.html", flat);
    INFO((f.ok() ? std::string() : f.error->reason));
    CHECK(f.ok());
}

TEST_CASE("pdf: a word at x = 5e8 pt is set at a bounded column", "[readers][hostile][pdf]") {
    for (const char* name : {"pdf_far_words_5e8.pdf", "pdf_far_words_1e9.pdf"}) {
        INFO(name);
        auto r = read_report_file(hostile(name));
        REQUIRE(r.ok());
        const std::string& t = r.source->text();
        CHECK(t.find("2023 report") != std::string::npos);
        CHECK(t.find("9 9 9") != std::string::npos);
        CHECK(longest_line(t) < 2200);
    }
}
