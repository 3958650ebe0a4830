// Unit tests of engine/core: UTF-8 helpers, SourceText, CharNormalizer, diagnostics.
#include <catch2/catch.hpp>

#include <string>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "core/textnorm.hpp"
#include "core/utf8.hpp"

using namespace nianbao;

TEST_CASE("utf8: next, append, length", "[core][utf8]") {
    const std::string s = "a政\xF0\x9F\x98\x80";  // a, U+653F, U+1F600
    std::size_t i = 0;
    CHECK(utf8::next(s, i) == U'a');
    CHECK(utf8::next(s, i) == U'政');
    CHECK(i == 4);
    CHECK(utf8::next(s, i) == char32_t{0x1F600});
    CHECK(i == s.size());
    CHECK(utf8::length(s) == 3);
    CHECK(utf8::encode(U'政') == "政");
    CHECK(utf8::encode(0x1F600) == "\xF0\x9F\x98\x80");

    // Invalid bytes decode as U+FFFD and advance by one.
    const std::string bad = "\xE6\x94x\xC0\xAF";
    i = 0;
    CHECK(utf8::next(bad, i) == char32_t{0xFFFD});
    CHECK(i == 1);
    CHECK(utf8::next(bad, i) == char32_t{0xFFFD});
    CHECK(i == 2);
    CHECK(utf8::next(bad, i) == U'x');
    CHECK(utf8::next(bad, i) == char32_t{0xFFFD});  // overlong
    CHECK(i == 4);
}

TEST_CASE("utf8: first_invalid", "[core][utf8]") {
    CHECK(utf8::first_invalid("政府信息公开 abc") == std::string_view::npos);
    CHECK(utf8::first_invalid("ab\xFF") == 2);
    CHECK(utf8::first_invalid("政\xE5\xBA") == 3);           // truncated
    CHECK(utf8::first_invalid("\xED\xA0\x80") == 0);          // surrogate
    CHECK(utf8::first_invalid("\xF4\x90\x80\x80") == 0);      // > U+10FFFF
    CHECK(utf8::first_invalid("\xE0\x80\xAF") == 0);          // overlong
    CHECK(utf8::first_invalid("") == std::string_view::npos);
}

TEST_CASE("utf8: width and classification", "[core][utf8]") {
    CHECK(utf8::width(U'a') == 1);
    CHECK(utf8::width(U'政') == 2);
    CHECK(utf8::width(U'（') == 2);
    CHECK(utf8::width(U'，') == 2);
    CHECK(utf8::width(0x3000) == 2);
    CHECK(utf8::width(0x0301) == 0);  // combining acute
    CHECK(utf8::width(0x200B) == 0);  // zero-width space
    CHECK(utf8::display_width("报告2017") == 8);
    CHECK(utf8::display_width("e\xCC\x81") == 1);

    CHECK(utf8::is_han(U'政'));
    CHECK(utf8::is_han(U'區'));
    CHECK(utf8::is_han(U'〇'));
    CHECK(utf8::is_han(0x3400));
    CHECK(utf8::is_han(0x20000));
    CHECK(utf8::is_han(0xF900));
    CHECK_FALSE(utf8::is_han(U'，'));
    CHECK_FALSE(utf8::is_han(U'a'));

    CHECK(utf8::is_cjk(U'政'));
    CHECK(utf8::is_cjk(U'。'));
    CHECK(utf8::is_cjk(U'、'));
    CHECK(utf8::is_cjk(U'（'));
    CHECK(utf8::is_cjk(U'“'));
    CHECK(utf8::is_cjk(U'…'));
    CHECK(utf8::is_cjk(U'—'));
    CHECK(utf8::is_cjk(U'·'));
    CHECK(utf8::is_cjk(U'《'));
    CHECK_FALSE(utf8::is_cjk(U'('));
    CHECK_FALSE(utf8::is_cjk(U'1'));
    CHECK_FALSE(utf8::is_cjk(U'a'));

    CHECK(utf8::is_space(U' '));
    CHECK(utf8::is_space(U'\t'));
    CHECK(utf8::is_space(0x3000));
    CHECK(utf8::is_space(0x00A0));
    CHECK_FALSE(utf8::is_space(0x200B));
    CHECK(utf8::is_ignorable(0x200B));
    CHECK(utf8::is_ignorable(0xFEFF));
    CHECK_FALSE(utf8::is_ignorable(U'a'));
}

TEST_CASE("SourceText: lines and columns on CJK text", "[core][source]") {
    const SourceText src("r.txt", "一、总体情况\n2017年，我局\n");
    REQUIRE(src.line_count() == 3);
    CHECK(src.line_text(1) == "一、总体情况");
    CHECK(src.line_text(2) == "2017年，我局");
    CHECK(src.line_text(3).empty());
    CHECK(src.locate(0) == LineCol{1, 1});
    CHECK(src.locate(3) == LineCol{1, 2});                       // 、
    const auto second = static_cast<std::uint32_t>(std::string("一、总体情况\n").size());
    CHECK(src.locate(second) == LineCol{2, 1});
    CHECK(src.locate(second + 4) == LineCol{2, 5});               // 年
    CHECK(src.locate(second + 7) == LineCol{2, 6});               // ，
    CHECK(src.locate(second - 1) == LineCol{1, 7});               // the '\n'
    CHECK(src.locate(100000) == LineCol{3, 1});                   // clamped
    CHECK(src.line_span(2) == Span{second, second + static_cast<std::uint32_t>(std::string("2017年，我局").size())});
    CHECK(src.original_offset(5) == 5);
}

TEST_CASE("SourceText: CRLF and lone CR", "[core][source]") {
    const SourceText src("r.txt", "ab\r\ncd\ref\n\r\ng");
    REQUIRE(src.line_count() == 5);
    CHECK(src.line_text(1) == "ab");
    CHECK(src.line_text(2) == "cd");
    CHECK(src.line_text(3) == "ef");
    CHECK(src.line_text(4).empty());
    CHECK(src.line_text(5) == "g");
    CHECK(src.line_span(1) == Span{0, 2});
    CHECK(src.line_span(2) == Span{4, 6});
    CHECK(src.locate(2) == LineCol{1, 3});
    CHECK(src.locate(3) == LineCol{1, 4});
    CHECK(src.locate(4) == LineCol{2, 1});
    CHECK(src.locate(7) == LineCol{3, 1});
    CHECK(src.locate(12) == LineCol{5, 1});
    CHECK(src.line_span(6) == Span{13, 13});
    CHECK(src.line_span(0) == Span{13, 13});

    const SourceText empty("e.txt", "");
    CHECK(empty.line_count() == 1);
    CHECK(empty.locate(0) == LineCol{1, 1});
    CHECK(empty.line_text(1).empty());
}

TEST_CASE("SourceText: original offsets", "[core][source]") {
    const SourceText bom("r.txt", "a政", "UTF-8 (BOM)", 3);
    CHECK(bom.original_offset(0) == 3);
    CHECK(bom.original_offset(1) == 4);
    CHECK(bom.original_offset(4) == 7);

    // "a政b" from a 2-byte-per-Han encoding: a@0, 政@1, b@3, end@4.
    const SourceText gb("r.txt", "a政b", "GB18030", 0, {0, 1, 3, 4});
    CHECK(gb.original_offset(0) == 0);
    CHECK(gb.original_offset(1) == 1);
    CHECK(gb.original_offset(2) == 1);  // inside 政
    CHECK(gb.original_offset(4) == 3);
    CHECK(gb.original_offset(5) == 4);
    CHECK(gb.original_offset(99) == 4);
    CHECK(gb.encoding() == "GB18030");
    CHECK(gb.path() == "r.txt");
}

TEST_CASE("CharNormalizer: map", "[core][textnorm]") {
    CharNormalizer norm;
    CHECK(norm.map(U'a') == "a");
    CHECK(norm.map(U'２') == "2");
    CHECK(norm.map(U'（') == "(");
    CHECK(norm.map(U'）') == ")");
    CHECK(norm.map(U'，') == ",");
    CHECK(norm.map(U'：') == ":");
    CHECK(norm.map(0x3000) == " ");
    CHECK(norm.map(U'〇') == "〇");
    CHECK(norm.map(U'區') == "区");
    CHECK(norm.map(U'發') == "发");
    CHECK(norm.map(U'張') == "张");
    CHECK(norm.map(U'区') == "区");
    CHECK(norm.map(U'。') == "。");
    CHECK(norm.map(U'、') == "、");
    CHECK(norm.map(U'“') == "“");
    CHECK(norm.map(U'㈠') == "(一)");
    CHECK(norm.map(U'①') == "1");
    CHECK(norm.map(0xF900) == "岂");  // compatibility ideograph 豈 -> 豈 -> 岂
    // Cached results are stable references.
    const std::string* p = &norm.map(U'區');
    for (char32_t c = 0x4E00; c < 0x4F00; ++c) norm.map(c);
    CHECK(p == &norm.map(U'區'));
}

TEST_CASE("CharNormalizer: normalize", "[core][textnorm]") {
    CharNormalizer norm;
    CHECK(norm.normalize("（一）２０１７") == "(一)2017");
    CHECK(norm.normalize("張店區") == "张店区");
    CHECK(norm.normalize("报  告") == "报告");
    CHECK(norm.normalize("2017 年 1 月") == "2017年1月");
    CHECK(norm.normalize("hello  world") == "hello world");
    CHECK(norm.normalize("  \t主动公开　情况  ") == "主动公开情况");
    CHECK(norm.normalize("a \u3000 b") == "a b");
    CHECK(norm.normalize("报\u200B告") == "报告");
    CHECK(norm.normalize("") == "");
    CHECK(norm.normalize("   ") == "");
    CHECK(norm.normalize("（ 一 ）") == "(一)");
    CHECK(norm.normalize("2017 (a)") == "2017 (a)");
    // Deterministic across instances.
    CharNormalizer other;
    CHECK(other.normalize("政府信息公開工作年度報告") == norm.normalize("政府信息公開工作年度報告"));
    CHECK(norm.normalize("政府信息公開工作年度報告") == "政府信息公开工作年度报告");
}

TEST_CASE("diagnostic: severities and header", "[core][diagnostic]") {
    Severity s = Severity::error;
    for (Severity v : {Severity::error, Severity::warning, Severity::info, Severity::note}) {
        REQUIRE(parse_severity(to_string(v), s));
        CHECK(s == v);
    }
    CHECK(to_string(Severity::warning) == "warning");
    CHECK_FALSE(parse_severity("fatal", s));
    CHECK_FALSE(parse_severity("", s));

    Diagnostic d;
    d.severity = Severity::warning;
    d.path = "r.txt";
    d.pos = LineCol{403, 5};
    d.message = "总数不一致";
    d.code = "sum.total";
    CHECK(render_header(d) == "r.txt:403:5: warning: 总数不一致 [sum.total]");
    d.code.clear();
    CHECK(render_header(d) == "r.txt:403:5: warning: 总数不一致");
}

TEST_CASE("diagnostic: excerpt caret under CJK text", "[core][diagnostic]") {
    std::string text;
    for (int i = 1; i < 403; ++i) text += "x\n";
    const auto line_begin = static_cast<std::uint32_t>(text.size());
    text += "（2） 本年度人大代表建议和政协提案办理情况。\n";
    const SourceText src("r.txt", text);
    REQUIRE(src.locate(line_begin).line == 403);

    // Span over "（2）": 3 + 1 + 3 bytes, 5 display columns.
    CHECK(render_excerpt(src, Span{line_begin, line_begin + 7}) ==
          "  403 | （2） 本年度人大代表建议和政协提案办理情况。\n"
          "      | ^~~~~\n");
    // Span over "本年度": starts after "（2） " = 6 columns.
    const auto ben = line_begin + static_cast<std::uint32_t>(std::string("（2） ").size());
    CHECK(render_excerpt(src, Span{ben, ben + 9}) ==
          "  403 | （2） 本年度人大代表建议和政协提案办理情况。\n"
          "      |       ^~~~~~\n");
    // Empty span: one caret.
    CHECK(render_excerpt(src, Span{ben, ben}) ==
          "  403 | （2） 本年度人大代表建议和政协提案办理情况。\n"
          "      |       ^\n");
}

TEST_CASE("diagnostic: excerpt with tabs, multi-line span and end of line", "[core][diagnostic]") {
    const SourceText src("r.txt", "\t数量\t12\nnext line\n");
    // Span over "12" (bytes 8-9, after tab, 数量, tab): 4 + 4 + 4 = 12 columns before it.
    CHECK(render_excerpt(src, Span{8, 10}) == "  1 |     数量    12\n    |             ^~\n");
    // A span running into the next line is clipped to the first line.
    CHECK(render_excerpt(src, Span{8, 16}) == "  1 |     数量    12\n    |             ^~\n");
    // At the end of the line (or on its terminator): one caret after the text.
    CHECK(render_excerpt(src, Span{10, 10}) == "  1 |     数量    12\n    |               ^\n");
    CHECK(render_excerpt(src, Span{10, 11}) == "  1 |     数量    12\n    |               ^\n");
    CHECK(render_excerpt(src, Span{11, 15}) == "  2 | next line\n    | ^~~~\n");
}

TEST_CASE("diagnostic: excerpt of a very long line", "[core][diagnostic]") {
    std::string line;
    for (int i = 0; i < 200; ++i) line += "政";  // 400 columns
    const auto target = static_cast<std::uint32_t>(100 * 3);
    line.replace(target, 3, "ABC");  // 3 columns at column 200
    const SourceText src("r.txt", line + "\n");
    const std::string out = render_excerpt(src, Span{target, target + 3});
    const auto nl = out.find('\n');
    REQUIRE(nl != std::string::npos);
    const std::string first = out.substr(0, nl);
    const std::string second = out.substr(nl + 1);
    CHECK(first.rfind("  1 | \u2026", 0) == 0);
    CHECK(first.size() > 3);
    CHECK(first.substr(first.size() - 3) == "\u2026");
    CHECK(utf8::display_width(first) <= 6 + 162);
    // The caret is under "ABC".
    const auto abc = first.find("ABC");
    REQUIRE(abc != std::string::npos);
    const auto caret_col = utf8::display_width(first.substr(0, abc));
    CHECK(second == "    | " + std::string(caret_col - 6, ' ') + "^~~\n");
}
