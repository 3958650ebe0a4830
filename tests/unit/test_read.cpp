// Unit tests of engine/read: decoding and the matching view.
#include <catch2/catch.hpp>

#include <unicode/ucnv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/textnorm.hpp"
#include "core/utf8.hpp"
#include "read/decode.hpp"
#include "read/normalize.hpp"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

// Converts UTF-8 text to a legacy encoding with ICU (test data generator).
std::string encode_as(const char* charset, const std::string& utf8_text) {
    UErrorCode status = U_ZERO_ERROR;
    std::string out(utf8_text.size() * 4 + 16, '\0');
    const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8_text.data(),
                                   static_cast<int32_t>(utf8_text.size()), &status);
    REQUIRE(U_SUCCESS(status));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string utf16(const std::u16string& s, bool le) {
    std::string out = le ? std::string("\xFF\xFE") : std::string("\xFE\xFF");
    for (char16_t c : s) {
        const auto hi = static_cast<char>(c >> 8);
        const auto lo = static_cast<char>(c & 0xFF);
        if (le) {
            out += lo;
            out += hi;
        } else {
            out += hi;
            out += lo;
        }
    }
    return out;
}

std::string reason_of(const ReadResult& r) { return r.error ? r.error->reason : std::string("<ok>"); }

// A scratch directory removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("nianbao_test_read_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path write(const std::string& name, const std::string& bytes) const {
        const fs::path p = path / name;
        std::ofstream(p, std::ios::binary) << bytes;
        return p;
    }
};

std::string view_of(const std::string& text) {
    static CharNormalizer norm;
    const SourceText src("t.txt", text);
    return build_view(src, norm).text();
}

// Source text produced by a view span.
std::string source_of(const SourceText& src, const MatchView& view, Span view_span) {
    const Span s = view.to_source(view_span);
    return src.text().substr(s.begin, s.size());
}

Span find_in_view(const MatchView& view, const std::string& needle) {
    const auto at = view.text().find(needle);
    REQUIRE(at != std::string::npos);
    return Span{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

}  // namespace

// ---------------------------------------------------------------- decoding

TEST_CASE("decode: UTF-8 with and without BOM", "[read][decode]") {
    const auto plain = decode_text("a.txt", "政府信息公开\n");
    REQUIRE(plain.ok());
    CHECK(plain.source->encoding() == "UTF-8");
    CHECK(plain.source->text() == "政府信息公开\n");
    CHECK(plain.source->path() == "a.txt");
    CHECK(plain.source->original_offset(3) == 3);

    const auto bom = decode_text("b.txt", "\xEF\xBB\xBF政府\n");
    REQUIRE(bom.ok());
    CHECK(bom.source->encoding() == "UTF-8 (BOM)");
    CHECK(bom.source->text() == "政府\n");
    CHECK(bom.source->original_offset(0) == 3);
    CHECK(bom.source->original_offset(3) == 6);

    const auto bad_bom = decode_text("c.txt", "\xEF\xBB\xBF政\xFF");
    REQUIRE_FALSE(bad_bom.ok());
    CHECK(reason_of(bad_bom) == "not valid UTF-8 after byte order mark (first bad byte at offset 6)");
    CHECK(bad_bom.error->path == "c.txt");

    CHECK(reason_of(decode_text("d.txt", "\xEF\xBB\xBF")) == "empty file (only a byte order mark)");
}

TEST_CASE("decode: UTF-16 with BOM", "[read][decode]") {
    const std::u16string text = u"政府\r\n𠀀a";
    for (bool le : {true, false}) {
        const auto r = decode_text("u.txt", utf16(text, le));
        REQUIRE(r.ok());
        CHECK(r.source->encoding() == (le ? "UTF-16LE" : "UTF-16BE"));
        CHECK(r.source->text() == "政府\r\n\xF0\xA0\x80\x80" "a");
        // 政@2 府@4 \r@6 \n@8 𠀀@10 a@14 end@16
        CHECK(r.source->original_offset(0) == 2);
        CHECK(r.source->original_offset(3) == 4);
        CHECK(r.source->original_offset(6) == 6);
        CHECK(r.source->original_offset(8) == 10);
        CHECK(r.source->original_offset(12) == 14);
        CHECK(r.source->original_offset(13) == 16);
        CHECK(r.source->line_count() == 2);
    }
    // Unpaired surrogates and odd lengths are errors naming the offset.
    CHECK(reason_of(decode_text("u.txt", std::string("\xFF\xFE" "a\0\x00\xD8" "b\0", 8))) ==
          "invalid UTF-16LE (unpaired surrogate at offset 4)");
    CHECK(reason_of(decode_text("u.txt", std::string("\xFE\xFF\xDC\x00", 4))) ==
          "invalid UTF-16BE (unpaired surrogate at offset 2)");
    CHECK(reason_of(decode_text("u.txt", std::string("\xFF\xFE" "a\0b", 5))) ==
          "invalid UTF-16LE (odd number of bytes, truncated at offset 4)");
    CHECK(reason_of(decode_text("u.txt", std::string("\xFF\xFE" "a\0\0\0", 6))) ==
          "binary file (NUL byte at offset 4)");
}

TEST_CASE("decode: GB18030", "[read][decode]") {
    const std::string utf8_text = "政府信息公开";
    const std::string gb = encode_as("GB18030", utf8_text);
    REQUIRE(gb.size() == 12);
    const auto r = decode_text("g.txt", gb);
    REQUIRE(r.ok());
    CHECK(r.source->encoding() == "GB18030");
    CHECK(r.source->text() == utf8_text);
    // Each character: 3 bytes of UTF-8, 2 bytes of GB18030.
    CHECK(r.source->original_offset(0) == 0);
    CHECK(r.source->original_offset(3) == 2);
    CHECK(r.source->original_offset(15) == 10);
    CHECK(r.source->original_offset(18) == 12);

    // A longer report with ASCII, line breaks and a 4-byte GB18030 character.
    const std::string report =
        "一、总体情况\r\n2017年，我局严格按照《中华人民共和国政府信息公开条例》的要求，"
        "认真做好政府信息公开工作。\r\n二、主动公开政府信息情况\r\n全年共主动公开信息45条。𠀀\r\n";
    const auto r2 = decode_text("g2.txt", encode_as("GB18030", report));
    REQUIRE(r2.ok());
    CHECK(r2.source->encoding() == "GB18030");
    CHECK(r2.source->text() == report);
    CHECK(r2.source->line_count() == 5);
    const auto second_line = r2.source->line_span(2).begin;
    CHECK(r2.source->original_offset(second_line) == encode_as("GB18030", "一、总体情况\r\n").size());
}

TEST_CASE("decode: Big5", "[read][decode]") {
    const std::string text =
        "張店區發改局2017年政府信息公開工作年度報告\n"
        "根據《中華人民共和國政府信息公開條例》的要求，現將本局政府信息公開工作情況報告如下。\n";
    const std::string big5 = encode_as("Big5", text);
    const auto r = decode_text("b.txt", big5);
    REQUIRE(r.ok());
    CHECK(r.source->encoding() == "Big5");
    CHECK(r.source->text() == text);
    CHECK(r.source->original_offset(3) == 2);
}

TEST_CASE("decode: errors", "[read][decode]") {
    CHECK(reason_of(decode_text("e.txt", "")) == "empty file");
    CHECK(reason_of(decode_text("n.txt", std::string("abc\0def", 7))) == "binary file (NUL byte at offset 3)");
    CHECK(reason_of(decode_text("p.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16))) ==
          "binary file (NUL byte at offset 8)");
    // Many control characters.
    std::string controls;
    for (int i = 0; i < 40; ++i) controls += "ab\x01";
    CHECK(reason_of(decode_text("c.bin", controls)) ==
          "binary file (40 control characters, first 0x01 at offset 2)");
    // A stray control character in a long text is tolerated.
    std::string stray(500, 'a');
    stray[100] = '\x07';
    CHECK(decode_text("s.txt", stray).ok());

    ReadLimits small;
    small.max_bytes = 4;
    CHECK(reason_of(decode_text("big.txt", "abcdef", small)) == "file too large (6 bytes, limit 4)");

    // Neither UTF-8, GB18030 nor Big5: 0x80 and 0xFF are not lead bytes of either.
    const auto bad = decode_text("x.txt", "ok \xFF\xFF\x80\x80");
    REQUIRE_FALSE(bad.ok());
    CHECK(reason_of(bad) == "not valid UTF-8 (first bad byte at offset 3) nor GB18030 (bad byte at offset 3)");
}

// Decision: a file that is valid UTF-8 except for a multi-byte sequence cut off
// by the end of the file is an error naming that offset when the valid part
// has at least two multi-byte UTF-8 sequences (it is clearly UTF-8, and
// GB18030 would "decode" it as mojibake).  Without such evidence the bytes go
// through the legacy decoders like any other non-UTF-8 file.
TEST_CASE("decode: truncated UTF-8", "[read][decode]") {
    std::string text = "政府信息公开工作年度报告";
    text.pop_back();
    const auto r = decode_text("t.txt", text);
    REQUIRE_FALSE(r.ok());
    CHECK(reason_of(r) == "truncated UTF-8 sequence at end of file (offset 33)");

    // Clearly UTF-8 with a bad byte in the middle: not tried as GB18030.
    const std::string mid = std::string("政府信息公开工作") + "\xFF" + "年度报告";
    CHECK(reason_of(decode_text("m.txt", mid)) == "not valid UTF-8 (first bad byte at offset 24)");
    // With less evidence it is tried as GB18030 (and fails there too).
    const std::string few = std::string("政府信") + "\xFF" + "息公开";
    CHECK(reason_of(decode_text("f.txt", few)) ==
          "not valid UTF-8 (first bad byte at offset 9) nor GB18030 (bad byte at offset 8)");

    // No multi-byte evidence: "ab" + E6 94 is the GB18030 character 鏀.
    const auto short_gb = decode_text("s.txt", "ab\xE6\x94");
    REQUIRE(short_gb.ok());
    CHECK(short_gb.source->encoding() == "GB18030");
    CHECK(short_gb.source->text() == "ab鏀");
}

TEST_CASE("read_text_file", "[read][decode]") {
    TempDir dir;
    const auto ok = read_text_file(dir.write("ok.txt", "政府信息公开\n"));
    REQUIRE(ok.ok());
    CHECK(ok.source->text() == "政府信息公开\n");
    CHECK(ok.source->path() == (dir.path / "ok.txt").string());

    const auto gb = read_text_file(dir.write("gb.txt", encode_as("GB18030", "政府信息公开工作年度报告\n")));
    REQUIRE(gb.ok());
    CHECK(gb.source->encoding() == "GB18030");

    CHECK(reason_of(read_text_file(dir.write("empty.txt", ""))) == "empty file");
    CHECK(reason_of(read_text_file(dir.path / "missing.txt")) == "cannot open file: No such file or directory");
    CHECK(reason_of(read_text_file(dir.path)) == "is a directory");
    ReadLimits small;
    small.max_bytes = 10;
    const auto big = read_text_file(dir.write("big.txt", std::string(11, 'a')), small);
    CHECK(reason_of(big) == "file too large (11 bytes, limit 10)");
    CHECK(big.error->path == (dir.path / "big.txt").string());
}

TEST_CASE("read_text_file refuses FIFOs and devices without blocking", "[read][decode]") {
    TempDir dir;
    const fs::path fifo = dir.path / "fifo.txt";
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);  // no writer: opening it for reading would block
    CHECK(reason_of(read_text_file(fifo)) == "not a regular file (fifo)");
    CHECK(special_file_reason(fifo) == std::optional<std::string>("not a regular file (fifo)"));
    CHECK(reason_of(read_text_file("/dev/null")) == "not a regular file (character device)");
    CHECK_FALSE(special_file_reason(dir.path).has_value());
    CHECK_FALSE(special_file_reason(dir.write("ok.txt", "x\n")).has_value());
    CHECK_FALSE(special_file_reason(dir.path / "missing.txt").has_value());
}

// ---------------------------------------------------------------- matching view

TEST_CASE("view: character normalisation", "[read][view]") {
    CHECK(view_of("（一）２０１７") == "(一)2017");
    CHECK(view_of("張店區") == "张店区");
    CHECK(view_of("政府信息公開工作年度報告") == "政府信息公开工作年度报告");
    CHECK(view_of("〇") == "〇");
    CHECK(view_of("二〇一七年") == "二〇一七年");
    CHECK(view_of("报\u200B告") == "报告");
}

TEST_CASE("view: pinyin glosses", "[read][view]") {
    CHECK(view_of("張店區(qū)發(fā)改局") == "张店区发改局");
    CHECK(view_of("處(chù)現(xiàn)") == "处现");
    CHECK(view_of("綠(lǜ)色") == "绿色");
    CHECK(view_of("區（qū）") == "区");
    CHECK(view_of("區(qu\xCC\x84)") == "区");  // decomposed tone mark
    // Not glosses.
    CHECK(view_of("(一)") == "(一)");
    CHECK(view_of("第(1)项") == "第(1)项");
    CHECK(view_of("年(2018)") == "年(2018)");
    CHECK(view_of("邮箱(Email)") == "邮箱(Email)");
    CHECK(view_of("Email(mail)") == "Email(mail)");
    CHECK(view_of("区(ab)") == "区(ab)");
    CHECK(view_of("a(qū)") == "a(qū)");
    CHECK(view_of("区(qūqūqūqū)") == "区(qūqūqūqū)");
}

TEST_CASE("view: extractor debris", "[read][view]") {
    CHECK(view_of("[bookmark: _GoBack]主动公开") == "主动公开");
    CHECK(view_of("\t[bookmark: _Hlk67039688]12") == "12");
    CHECK(view_of("[bookmark: open") == "[bookmark: open");
    CHECK(view_of("工作</span>制度") == "工作制度");
    CHECK(view_of("<span lang=\"EN-US\">12</span>条") == "12条");
    CHECK(view_of("数量<o:p></o:p>") == "数量");
    CHECK(view_of("第一行<br/>") == "第一行");
    CHECK(view_of("a <b>bold</b> word") == "a bold word");
    CHECK(view_of("情況報告?/span>") == "情况报告");
    // Not tags.
    CHECK(view_of("<中华人民共和国政府信息公开工作年度报告格式>") == "<中华人民共和国政府信息公开工作年度报告格式>");
    CHECK(view_of("a < b > c") == "a < b > c");
    CHECK(view_of("x<5") == "x<5");
}

TEST_CASE("view: whitespace", "[read][view]") {
    CHECK(view_of("报  告") == "报告");
    CHECK(view_of("2017 年 1 月") == "2017年1月");
    CHECK(view_of("hello  world") == "hello world");
    CHECK(view_of("hello \t world") == "hello world");
    CHECK(view_of("　　一、总体情况　") == "一、总体情况");
    CHECK(view_of("\t\t数量\t\t") == "数量");
    CHECK(view_of("  a  ") == "a");
    CHECK(view_of("12\u00A0345") == "12 345");
    CHECK(view_of("合计 </span> 45") == "合计45");
    CHECK(view_of("(1) 主动公开") == "(1)主动公开");
    CHECK(view_of("1. Email") == "1. Email");
}

TEST_CASE("view: line structure", "[read][view]") {
    CHECK(view_of("a\r\nb\rc\n") == "a\nb\nc\n");
    CHECK(view_of("  \n\t\n") == "\n\n");
    CHECK(view_of("") == "");
    CharNormalizer norm;
    const SourceText src("t.txt", "一、总体情况\r\n  二、主动公开\n\n三");
    const MatchView view = build_view(src, norm);
    REQUIRE(view.line_starts().size() == 4);
    CHECK(view.line_span(1) == Span{0, 18});
    const Span l2 = view.line_span(2);
    CHECK(view.text().substr(l2.begin, l2.size()) == "二、主动公开");
    CHECK(view.line_span(3).empty());
    CHECK(view.text().substr(view.line_span(4).begin) == "三");
    // The '\n' maps to the whole terminator.
    CHECK(source_of(src, view, Span{18, 19}) == "\r\n");
}

TEST_CASE("view: offset mapping", "[read][view]") {
    CharNormalizer norm;
    const SourceText src("t.txt", "　　2017 年 1 月，張店區(qū)發(fā)改局主動公開政府信息　45 条。\n<span>第二行</span>");
    const MatchView view = build_view(src, norm);
    REQUIRE(view.text() == "2017年1月,张店区发改局主动公开政府信息45条。\n第二行");

    CHECK(source_of(src, view, find_in_view(view, "年")) == "年");
    CHECK(source_of(src, view, find_in_view(view, "2017年1月")) == "2017 年 1 月");
    CHECK(source_of(src, view, find_in_view(view, "张店区")) == "張店區");
    CHECK(source_of(src, view, find_in_view(view, "区发")) == "區(qū)發");
    CHECK(source_of(src, view, find_in_view(view, "政府信息")) == "政府信息");
    CHECK(source_of(src, view, find_in_view(view, "45条")) == "45 条");
    CHECK(source_of(src, view, find_in_view(view, ",")) == "，");
    CHECK(source_of(src, view, find_in_view(view, "第二行")) == "第二行");
    // Round trip: source offset of a word -> view -> source.
    const auto src_at = static_cast<std::uint32_t>(src.text().find("政府"));
    const std::uint32_t view_at = view.from_source(src_at);
    CHECK(view.text().substr(view_at, 6) == "政府");
    CHECK(view.to_source(Span{view_at, view_at + 6}) == Span{src_at, src_at + 6});
    // A dropped region maps to the next kept character.
    const auto gloss = static_cast<std::uint32_t>(src.text().find("(qū)"));
    CHECK(view.text().substr(view.from_source(gloss), 3) == "发");
    // Empty spans.
    CHECK(view.to_source(Span{view_at, view_at}) == Span{src_at, src_at});
    const auto n = static_cast<std::uint32_t>(view.text().size());
    const auto sn = static_cast<std::uint32_t>(src.text().size());
    CHECK(view.to_source(Span{n, n}) == Span{sn, sn});
    CHECK(view.from_source(sn) == n);
    CHECK(view.from_source(0) == 0);
}

// ---------------------------------------------------------------- real reports

namespace {
std::vector<fs::path> sample_reports() {
    std::vector<fs::path> files;
    const std::vector<fs::path> dirs = {fs::path(NIANBAO_SOURCE_DIR) / "reports-samples", "/work/shared/seeds",
                                        "/work/shared/real-reports"};
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        for (const auto& e : fs::directory_iterator(dir, ec)) {
            const auto ext = e.path().extension();
            if (e.is_regular_file() && (ext == ".txt" || ext == ".md") && e.path().filename() != "README.md")
                files.push_back(e.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}
}  // namespace

TEST_CASE("view: real reports keep their lines", "[read][view][samples]") {
    CharNormalizer norm;
    const auto files = sample_reports();
    REQUIRE_FALSE(files.empty());
    for (const auto& file : files) {
        INFO(file.string());
        const auto r = read_text_file(file);
        REQUIRE(r.ok());
        const SourceText& src = *r.source;
        const MatchView view = build_view(src, norm);
        REQUIRE(view.line_starts().size() == src.line_count());
        std::uint32_t prev = 0;
        for (std::uint32_t l = 1; l <= src.line_count(); ++l) {
            const Span vl = view.line_span(l);
            if (vl.empty()) continue;
            const Span s = view.to_source(vl);
            const Span sl = src.line_span(l);
            CHECK(s.begin >= sl.begin);
            CHECK(s.end <= sl.end);
            CHECK(s.begin >= prev);
            prev = s.end;
        }
        const std::string& t = view.text();
        CHECK(t.find("[bookmark:") == std::string::npos);
        CHECK(t.find("</span>") == std::string::npos);
        CHECK(t.find("/span>") == std::string::npos);
        CHECK(t.find("  ") == std::string::npos);
        CHECK(t.find('\t') == std::string::npos);
        CHECK(t.find('\r') == std::string::npos);
        // No pinyin gloss survives.
        for (const char* tone : {"(qū)", "(fā)", "(wǎng)", "(jù)", "(xiàn)", "(zhí)"})
            CHECK(t.find(tone) == std::string::npos);
        if (file.filename().string().rfind("001_", 0) == 0) {
            CHECK(t.find("张店区发改局") != std::string::npos);
            CHECK(t.find("ā") == std::string::npos);
            CHECK(t.find("ǎ") == std::string::npos);
        }
        if (file.filename().string().rfind("002_", 0) == 0)
            CHECK(t.find("<中华人民共和国政府信息公开工作年度报告格式>") != std::string::npos);
    }
}
