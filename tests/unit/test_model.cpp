// Document model: lines, tables, headings, numbering issues, dates.
// Runs on the seed reports in reports-samples/ and on copies of real reports
// in tests/data/model/, plus small synthetic documents.
#include <unicode/regex.h>
#include <unicode/utext.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "model/document.hpp"

using namespace nianbao;

namespace {

std::string slurp(const std::string& path) {
    REQUIRE(std::filesystem::is_regular_file(path));
    return test::slurp_text(path);
}

std::string seed(const char* name) { return test::sample_path(name).string(); }
std::string data(const char* name) { return std::string(NIANBAO_TEST_DATA) + "/model/" + name; }

// Owns everything a Document points to.
struct Fixture {
    std::unique_ptr<SourceText> src;
    CharNormalizer norm;
    Document doc;
    explicit Fixture(const std::string& path, std::string text) {
        src = std::make_unique<SourceText>(path, std::move(text));
        doc = build_document(*src, norm);
    }
    static Fixture file(const std::string& path) { return Fixture(path, slurp(path)); }
    static Fixture text(std::string t) { return Fixture("<test>", std::move(t)); }

    std::string v(Span s) const { return std::string(doc.view_text(s)); }
    std::string s(Span sp) const { return src->text().substr(sp.begin, sp.size()); }
    std::vector<const Heading*> top() const {
        std::vector<const Heading*> out;
        for (const auto& h : doc.headings)
            if (h.parent == -1) out.push_back(&h);
        return out;
    }
    std::vector<int> children(int parent) const {
        std::vector<int> out;
        for (std::size_t i = 0; i < doc.headings.size(); ++i)
            if (doc.headings[i].parent == parent) out.push_back(static_cast<int>(i));
        return out;
    }
    const Cell* find_cell(const std::string& text) const {
        for (const auto& t : doc.tables)
            for (const auto& r : t.rows)
                for (const auto& c : r)
                    if (c.text == text) return &c;
        return nullptr;
    }
    std::string issues() const {
        std::string out;
        for (const auto& is : doc.numbering_issues)
            out += is.kind + "@" + std::to_string(doc.headings[is.heading].line) + ":" + is.found + "->" + is.expected +
                   ";";
        return out;
    }
};

}  // namespace

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------
TEST_CASE("parse_date accepts every documented form", "[model][date]") {
    CHECK(parse_date("2024年1月18日") == Date{2024, 1, 18});
    CHECK(parse_date("2024年1月") == Date{2024, 1, 0});
    CHECK(parse_date("2024-01-18") == Date{2024, 1, 18});
    CHECK(parse_date("2024/1/18") == Date{2024, 1, 18});
    CHECK(parse_date("2024.1.18") == Date{2024, 1, 18});
    CHECK(parse_date("二〇一八年三月二十八日") == Date{2018, 3, 28});
    CHECK(parse_date("二〇一八年三月") == Date{2018, 3, 0});
    CHECK(parse_date("二零二三年十二月三十一日") == Date{2023, 12, 31});
    CHECK(parse_date("二○一七年十月十日") == Date{2017, 10, 10});
    CHECK(parse_date("二〇二〇年十一月一日") == Date{2020, 11, 1});
}

TEST_CASE("parse_date rejects partial and out-of-range input", "[model][date]") {
    CHECK_FALSE(parse_date("2017年"));
    CHECK_FALSE(parse_date(""));
    CHECK_FALSE(parse_date("2024年13月1日"));
    CHECK_FALSE(parse_date("2024年1月32日"));
    CHECK_FALSE(parse_date("2024年0月1日"));
    CHECK_FALSE(parse_date("1800年1月1日"));
    CHECK_FALSE(parse_date("2024-01"));
    CHECK_FALSE(parse_date("2024-01/18"));
    CHECK_FALSE(parse_date("2024年1月18日至"));
    CHECK_FALSE(parse_date("x2024年1月18日"));
    CHECK_FALSE(parse_date("12024年1月18日"));
    CHECK_FALSE(parse_date("二〇一八年十三月"));
    CHECK_FALSE(parse_date("二〇一八年三月三十二日"));
    CHECK_FALSE(parse_date("二〇一八年"));
}

TEST_CASE("format_date", "[model][date]") {
    CHECK(format_date({2024, 1, 18}) == "2024年1月18日");
    CHECK(format_date({2018, 3, 0}) == "2018年3月");
}

TEST_CASE("date_regex is an anchor-free ICU regex without capture groups", "[model][date]") {
    const std::string& re = date_regex();
    for (std::size_t i = 0; i + 1 < re.size(); ++i) {
        if (re[i] == '(' && (i == 0 || re[i - 1] != '\\')) CHECK(re[i + 1] == '?');
    }
    CHECK(re.find('^') == std::string::npos);
    CHECK(re.find('$') == std::string::npos);

    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    icu::UnicodeString pat = icu::UnicodeString::fromUTF8(re);
    std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(pat, 0, pe, st));
    REQUIRE(U_SUCCESS(st));
    auto whole = [&](const char* s) {
        UErrorCode e = U_ZERO_ERROR;
        icu::UnicodeString input = icu::UnicodeString::fromUTF8(s);  // the matcher does not copy it
        std::unique_ptr<icu::RegexMatcher> m(p->matcher(input, e));
        return m->matches(e) != 0;
    };
    for (const char* s : {"2024年1月18日", "2024年1月", "2024-01-18", "2024/1/18", "2024.1.18", "二〇一八年三月二十八日",
                          "二〇一八年三月", "二零二三年十二月三十一日"}) {
        INFO(s);
        CHECK(whole(s));
        CHECK(parse_date(s));
    }
    CHECK_FALSE(whole("2017年"));
    CHECK_FALSE(whole("2.5万"));
}

TEST_CASE("dates are found anywhere in the view", "[model][date]") {
    auto f = Fixture::text(
        "统计时限自2017年1月1日至2017年12月31日止。\n"
        "2017年，全年无收费。2.5万元\n"
        "发文日期 2018-03-28，二〇一八年三月印发\n"
        "截至 2024 年 12 月\n");
    REQUIRE(f.doc.dates.size() == 5);
    CHECK(f.doc.dates[0].date == Date{2017, 1, 1});
    CHECK(f.v(f.doc.dates[0].view) == "2017年1月1日");
    CHECK(f.doc.dates[1].date == Date{2017, 12, 31});
    CHECK(f.doc.dates[2].date == Date{2018, 3, 28});
    CHECK(f.doc.dates[3].date == Date{2018, 3, 0});
    CHECK(f.doc.dates[4].date == Date{2024, 12, 0});  // written with spaces: "2024 年 12 月"
    CHECK(f.src->locate(f.doc.to_source(f.doc.dates[4].view).begin).line == 4);
}

TEST_CASE("seed 002: signature date at line 412", "[model][date][seed]") {
    auto f = Fixture::file(seed("002_16652a60a82de5e5.txt"));
    REQUIRE_FALSE(f.doc.dates.empty());
    const DateMention& last = f.doc.dates.back();
    CHECK(last.date == Date{2024, 1, 18});
    CHECK(f.v(last.view) == "2024年1月18日");
    Span s = f.doc.to_source(last.view);
    CHECK(f.src->locate(s.begin).line == 412);
    CHECK(f.s(s) == "2024年1月18日");
}

// ---------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------
TEST_CASE("one Line per source line", "[model][lines]") {
    auto f = Fixture::file(seed("002_16652a60a82de5e5.txt"));
    REQUIRE(f.doc.lines.size() == f.src->line_count());
    for (std::size_t i = 0; i < f.doc.lines.size(); ++i) {
        const Line& l = f.doc.lines[i];
        CHECK(l.number == i + 1);
        CHECK(l.src == f.src->line_span(l.number));
        CHECK(l.view == f.doc.view.line_span(l.number));
    }
    CHECK(f.doc.lines[1].blank);        // line 2 is empty
    CHECK_FALSE(f.doc.lines[4].blank);  // 一、总体情况
    CHECK(f.doc.lines[4].table == -1);
    CHECK(f.doc.lines[12].table == 0);  // line 13, first cell of table 二
    CHECK(f.doc.lines[57].table == -1);  // line 58, heading 三 between tables
}

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------
TEST_CASE("seed 002: cell-per-line tables", "[model][table][seed]") {
    auto f = Fixture::file(seed("002_16652a60a82de5e5.txt"));
    REQUIRE(f.doc.tables.size() == 3);
    for (const auto& t : f.doc.tables) CHECK(t.layout == TableLayout::cell_per_line);

    const Table& t2 = f.doc.tables[0];  // 二、主动公开政府信息情况
    CHECK(t2.first_line == 13);
    CHECK(t2.last_line == 55);
    REQUIRE(t2.rows.size() == 14);
    REQUIRE(t2.rows[0].size() == 1);
    CHECK(t2.rows[0][0].text == "第二十条第(一)项");
    REQUIRE(t2.rows[2].size() == 4);
    CHECK(t2.rows[2][0].text == "规章");
    CHECK(t2.rows[2][1].text == "0");
    CHECK(t2.rows[2][3].text == "0");
    CHECK(t2.rows[2][0].line == 20);
    CHECK(t2.rows[2][3].row == 2);
    CHECK(t2.rows[2][3].col == 3);
    CHECK(t2.rows[2][0].rowspan == 1);
    CHECK(t2.rows[2][0].colspan == 1);
    CHECK(f.s(t2.rows[2][0].src) == "规章");
    CHECK(f.v(t2.rows[2][0].view) == "规章");
    // "\t　 0": value padded with a full-width space
    const Cell& fee = t2.rows.back().back();
    CHECK(fee.text == "0");
    CHECK(fee.line == 55);
    CHECK(f.s(fee.src) == "0");

    const Table& t3 = f.doc.tables[1];  // 三、收到和处理政府信息公开申请情况
    CHECK(t3.first_line == 59);
    CHECK(t3.last_line == 342);
    // wrapped header cell, lines 59-60
    CHECK(t3.rows[0][0].text == "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)");
    CHECK(t3.rows[0][0].line == 59);
    CHECK(f.doc.lines[59].table == 1);  // line 60, the continuation
    // merged-cell placeholders are kept as empty cells
    REQUIRE(t3.rows[1].size() == 4);
    CHECK(t3.rows[1][0].empty);
    CHECK(t3.rows[1][0].text.empty());
    CHECK(t3.rows[1][1].text == "自然人");
    // the wrapped label of lines 282-283, joined without separator
    const Cell* c = f.find_cell("5.要求行政机关确认或重新出具已获取信息");
    REQUIRE(c != nullptr);
    CHECK(c->line == 282);
    CHECK(f.s(c->src) == "5.要求行政机关确认或重新\n出具已获取信息");
    CHECK(f.v(c->view) == "5.要求行政机关确认或重新\n出具已获取信息");
    CHECK(f.doc.lines[281].table == 1);
    CHECK(f.doc.lines[282].table == 1);
    // bookmark debris is in the source span but not in the text
    const Cell* b = f.find_cell("一、本年新收政府信息公开申请数量");
    REQUIRE(b != nullptr);
    CHECK(b->line == 77);
    CHECK(f.s(b->src) == "[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量");
    // a table row never becomes a heading
    for (const auto& h : f.doc.headings) CHECK(f.doc.lines[h.line - 1].table == -1);

    const Table& t4 = f.doc.tables[2];  // 四、行政复议、行政诉讼
    CHECK(t4.first_line == 346);
    CHECK(t4.last_line == 394);
    REQUIRE(t4.rows.size() == 4);
    CHECK(t4.rows[1][0].text == "结果维持");  // lines 349-350 "结果" + "维持"
    CHECK(t4.rows[1][3].text == "尚未审结");
    CHECK(t4.rows[3].size() == 15);
}

TEST_CASE("seed 004: statistics table with blank and padded cells", "[model][table][seed]") {
    auto f = Fixture::file(seed("004_32df0900e40a0d23.txt"));
    REQUIRE(f.doc.tables.size() == 1);
    const Table& t = f.doc.tables[0];
    CHECK(t.first_line == 55);
    CHECK(t.last_line == 379);
    REQUIRE(t.rows.size() >= 3);
    CHECK(t.rows[0][0].text == "统计指标");
    CHECK(t.rows[0][2].text == "统计数");
    CHECK(t.rows[1][0].text == "一、主动公开情况");
    CHECK(t.rows[1][1].empty);
    CHECK(t.rows[1][2].empty);  // "\t　　　　"
    CHECK(t.rows[2][2].text == "142");
    CHECK(f.s(t.rows[2][2].src) == "142");
    CHECK(t.rows.back()[0].text == "(三)接受培训人员数");
    CHECK(t.rows.back()[2].text == "45");
    // the note after the table is not part of it
    CHECK(f.doc.lines[381].table == -1);
}

TEST_CASE("seed 001: markdown metadata table", "[model][table][seed]") {
    auto f = Fixture::file(seed("001_54cbd9d051963413.txt"));
    REQUIRE(f.doc.tables.size() == 1);
    const Table& t = f.doc.tables[0];
    CHECK(t.layout == TableLayout::markdown);
    CHECK(t.first_line == 2);
    CHECK(t.last_line == 5);
    REQUIRE(t.rows.size() == 3);  // the |---| row is not data
    REQUIRE(t.rows[0].size() == 4);
    CHECK(t.rows[0][0].text == "标题:");
    CHECK(f.s(t.rows[0][0].src) == "標題:");
    CHECK(t.rows[0][1].text == "张店区发改局2017年政府信息公开工作年度报告");
    CHECK(t.rows[0][2].empty);
    CHECK(t.rows[0][3].empty);
    CHECK(t.rows[2][1].text == "2018-03-28");
    CHECK(t.rows[2][1].line == 5);
    CHECK(t.rows[2][1].row == 2);
    CHECK(t.rows[2][1].col == 1);
    for (int ln = 2; ln <= 5; ++ln) CHECK(f.doc.lines[ln - 1].table == 0);
    CHECK(f.doc.lines[0].table == -1);
}

TEST_CASE("markdown tables: escapes, separators, ragged rows", "[model][table]") {
    auto f = Fixture::text(
        "前言\n"
        "| 项目 | 数量 |\n"
        "|:---|---:|\n"
        "| a \\| b |  |\n"
        "| 规章 | 22 | 235 |\n"
        "  | 尾 |\n"
        "正文\n");
    REQUIRE(f.doc.tables.size() == 1);
    const Table& t = f.doc.tables[0];
    CHECK(t.first_line == 2);
    CHECK(t.last_line == 6);
    REQUIRE(t.rows.size() == 4);
    CHECK(t.rows[0][1].text == "数量");
    REQUIRE(t.rows[1].size() == 2);
    CHECK(t.rows[1][0].text == "a | b");
    CHECK(f.s(t.rows[1][0].src) == "a \\| b");
    CHECK(t.rows[1][1].empty);
    CHECK(t.rows[2].size() == 3);
    CHECK(t.rows[3].size() == 1);
    CHECK(t.rows[3][0].text == "尾");
    CHECK(f.doc.lines[6].table == -1);
}

TEST_CASE("cell-per-line tables: rows, wrapped cells, end of table", "[model][table]") {
    auto f = Fixture::text(
        "一、情况\n"
        "\t信息内容\n"
        "\t数量\n"
        "\n"
        "\t\n"
        "\t长标签第一行\n"
        "第二行\n"
        "\t 5 \n"
        "\n"
        "\n"
        "二、下一节\n"
        "\t一段用制表符缩进的文字。\n"
        "\n"
        "\t另一段。\n");
    REQUIRE(f.doc.tables.size() == 1);
    const Table& t = f.doc.tables[0];
    CHECK(t.first_line == 2);
    CHECK(t.last_line == 8);
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].size() == 2);
    REQUIRE(t.rows[1].size() == 3);
    CHECK(t.rows[1][0].empty);
    CHECK(t.rows[1][0].line == 5);
    CHECK(t.rows[1][1].text == "长标签第一行第二行");
    CHECK(t.rows[1][1].line == 6);
    CHECK(t.rows[1][2].text == "5");
    // tab-indented prose (one cell per row) is not a table; its lines stay text
    CHECK(f.doc.lines[11].table == -1);
    REQUIRE(f.doc.headings.size() == 2);
    CHECK(f.doc.headings[1].line == 11);
}

TEST_CASE("tab-separated tables: empty cells keep their columns, a lone line is text", "[model][table]") {
    auto f = Fixture::text(
        "前言\n"
        "项目\t甲\t乙\t丙\n"
        "一、第一行\t3\t0\t1\n"
        "\t\t1.下级行\t0\t\t2\n"
        "（二）分组\t\t\t\n"
        "二、第二行\t1\t1\t0\n"
        "正文\n"
        "\n"
        "名称\t一行不成表\n"
        "\t单元格\n"
        "\t2\n"
        "\n"
        "\t甲\n"
        "\t3\n");
    REQUIRE(f.doc.tables.size() >= 1);
    const Table& t = f.doc.tables[0];
    CHECK(t.layout == TableLayout::tab_separated);
    CHECK(to_string(t.layout) == "tab_separated");
    CHECK(t.first_line == 2);
    CHECK(t.last_line == 6);
    REQUIRE(t.rows.size() == 5);
    CHECK(t.rows[0].size() == 4);
    CHECK(t.rows[1][0].text == "一、第一行");
    CHECK(t.rows[1][3].text == "1");
    // a leading TAB is an empty first cell, not the cell-per-line layout
    REQUIRE(t.rows[2].size() == 6);
    CHECK(t.rows[2][0].empty);
    CHECK(t.rows[2][1].empty);
    CHECK(t.rows[2][2].text == "1.下级行");
    CHECK(t.rows[2][2].col == 2);
    CHECK(t.rows[2][4].empty);
    CHECK(t.rows[2][5].text == "2");
    CHECK(t.rows[2][5].line == 4);
    CHECK(f.s(t.rows[2][5].src) == "2");
    // a row with one written cell continues the table
    REQUIRE(t.rows[3].size() == 4);
    CHECK(t.rows[3][0].text == "(二)分组");
    CHECK(t.rows[3][1].empty);
    CHECK(t.rows[4][0].text == "二、第二行");
    for (std::size_t i = 1; i <= 5; ++i) CHECK(f.doc.lines[i].table == 0);
    CHECK(f.doc.lines[0].table == -1);
    CHECK(f.doc.lines[6].table == -1);
    // table rows are not headings
    for (const auto& h : f.doc.headings) CHECK((h.line < 2 || h.line > 6));
    // one line with a TAB is not a table; the cell-per-line table after it still is one
    CHECK(f.doc.lines[8].table == -1);
    REQUIRE(f.doc.tables.size() == 2);
    CHECK(f.doc.tables[1].layout == TableLayout::cell_per_line);
    CHECK(f.doc.tables[1].first_line == 10);
    CHECK(f.doc.tables[1].rows.size() == 2);
}

TEST_CASE("tab-separated copy of seed 004: the same cells as the cell-per-line original", "[model][table][seed]") {
    auto orig = Fixture::file(seed("004_32df0900e40a0d23.txt"));
    auto tsv = Fixture::file(std::string(NIANBAO_TEST_DATA) + "/bind/004-tab-separated.txt");
    REQUIRE(orig.doc.tables.size() == tsv.doc.tables.size());
    REQUIRE_FALSE(tsv.doc.tables.empty());
    for (std::size_t k = 0; k < tsv.doc.tables.size(); ++k) {
        const Table& a = orig.doc.tables[k];
        const Table& b = tsv.doc.tables[k];
        CHECK(a.layout == TableLayout::cell_per_line);
        CHECK(b.layout == TableLayout::tab_separated);
        REQUIRE(a.rows.size() == b.rows.size());
        for (std::size_t r = 0; r < a.rows.size(); ++r) {
            // the copy pads every row to the table's width with empty cells
            REQUIRE(b.rows[r].size() >= a.rows[r].size());
            for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
                INFO("table " << k << " row " << r << " cell " << c);
                if (c >= a.rows[r].size()) {
                    CHECK(b.rows[r][c].empty);
                    continue;
                }
                CHECK(b.rows[r][c].text == a.rows[r][c].text);
                CHECK(b.rows[r][c].empty == a.rows[r][c].empty);
                CHECK(tsv.v(b.rows[r][c].view) == b.rows[r][c].text);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Headings
// ---------------------------------------------------------------------------
TEST_CASE("seed 000: twelve numbered sections", "[model][heading][seed]") {
    auto f = Fixture::file(seed("000_6a703f7dda0af042.txt"));
    auto top = f.top();
    REQUIRE(top.size() == 12);
    const char* titles[] = {"概述",
                            "政府信息公开的组织领导和制度建设情况",
                            "发布解读、回应社会关切以及互动交流情况",
                            "重点领域政府信息公开工作推进情况",
                            "主动公开政府信息以及公开平台建设情况",
                            "政府信息公开申请的办理情况",
                            "政府信息公开的收费及减免情况",
                            "因政府信息公开申请提起行政复议、行政诉讼的情况",
                            "政府信息公开保密审查及监督检查情况",
                            "所属事业单位信息公开工作推进措施和落实情况",
                            "政府信息公开工作中存在的主要问题及改进情况",
                            "需要说明的事项与附表"};
    for (int i = 0; i < 12; ++i) {
        CHECK(top[i]->number == i + 1);
        CHECK(top[i]->style == NumStyle::cjk_dun);
        CHECK(top[i]->level == 1);
        CHECK(f.v(top[i]->title) == titles[i]);
    }
    CHECK(f.v(top[0]->marker) == "一、");
    CHECK(f.v(top[11]->marker) == "十二、");
    CHECK(top[0]->line == 9);
    CHECK(top[11]->line == 69);

    // (一)(二)(三) under 五, (一)(二) under 十一
    int five = static_cast<int>(top[4] - f.doc.headings.data());
    auto k5 = f.children(five);
    REQUIRE(k5.size() == 3);
    CHECK(f.doc.headings[k5[0]].style == NumStyle::paren_cjk);
    CHECK(f.doc.headings[k5[0]].level == 2);
    CHECK(f.v(f.doc.headings[k5[0]].marker) == "(一)");
    CHECK(f.v(f.doc.headings[k5[0]].title) == "2017年度本机关主动公开政府信息的数量达45条");
    CHECK(f.v(f.doc.headings[k5[1]].title) == "主动公开政府信息的主要类别情况");
    int eleven = static_cast<int>(top[10] - f.doc.headings.data());
    auto k11 = f.children(eleven);
    REQUIRE(k11.size() == 2);
    CHECK(f.v(f.doc.headings[k11[0]].text) == "存在的主要问题");
    CHECK(f.v(f.doc.headings[k11[1]].text) == "改进情况");
    CHECK(f.doc.numbering_issues.empty());
}

TEST_CASE("seed 002: sections 一…六 and the mixed numerals in 六", "[model][heading][seed]") {
    auto f = Fixture::file(seed("002_16652a60a82de5e5.txt"));
    auto top = f.top();
    REQUIRE(top.size() == 6);
    const std::uint32_t lines[] = {5, 12, 58, 345, 397, 400};
    for (int i = 0; i < 6; ++i) {
        CHECK(top[i]->number == i + 1);
        CHECK(top[i]->line == lines[i]);
    }
    CHECK(f.v(top[2]->title) == "收到和处理政府信息公开申请情况");
    CHECK(f.v(top[5]->title) == "其他需要报告的事项");

    int six = static_cast<int>(top[5] - f.doc.headings.data());
    auto kids = f.children(six);
    REQUIRE(kids.size() == 4);
    const Heading& h1 = f.doc.headings[kids[0]];
    const Heading& h2 = f.doc.headings[kids[1]];
    const Heading& h3 = f.doc.headings[kids[2]];
    const Heading& h4 = f.doc.headings[kids[3]];
    CHECK(h1.line == 401);
    CHECK(h2.line == 403);
    CHECK(h3.line == 405);
    CHECK(h4.line == 407);
    CHECK(h2.style == NumStyle::paren_arabic);
    CHECK(h2.level == 2);
    CHECK(h2.mixed_numerals);
    CHECK(h3.mixed_numerals);
    CHECK_FALSE(h1.mixed_numerals);
    CHECK_FALSE(h4.mixed_numerals);
    CHECK(h4.number == 4);
    CHECK(f.v(h2.marker) == "(2)");
    CHECK(f.v(h2.title) == "本年度人大代表建议和政协提案办理情况");
    CHECK(f.v(h4.title) == "《2023年张店区政务公开工作方案》落实情况");

    REQUIRE(f.doc.numbering_issues.size() == 2);
    const NumberingIssue& a = f.doc.numbering_issues[0];
    CHECK(a.kind == "numerals");
    CHECK(f.doc.headings[a.heading].line == 403);
    CHECK(a.found == "(2)");
    CHECK(a.expected == "(二)");
    const NumberingIssue& b = f.doc.numbering_issues[1];
    CHECK(b.kind == "numerals");
    CHECK(f.doc.headings[b.heading].line == 405);
    CHECK(b.found == "(3)");
    CHECK(b.expected == "(三)");
}

TEST_CASE("seeds: no other numbering issues", "[model][heading][seed]") {
    for (const char* name : {"000_6a703f7dda0af042.txt", "001_54cbd9d051963413.txt", "003_f29a9ed548c71819.txt",
                             "004_32df0900e40a0d23.txt"}) {
        INFO(name);
        auto f = Fixture::file(seed(name));
        CHECK(f.issues() == "");
    }
    CHECK(Fixture::file(seed("001_54cbd9d051963413.txt")).top().size() == 11);
    CHECK(Fixture::file(seed("003_f29a9ed548c71819.txt")).top().size() == 11);
    CHECK(Fixture::file(seed("004_32df0900e40a0d23.txt")).top().size() == 10);
}

TEST_CASE("real report: Shanghai STC restarts its top-level numbering", "[model][heading][real]") {
    auto f = Fixture::file(data("shanghai-stc-2024-pdf2md.md"));
    auto top = f.top();
    std::string nums;
    for (const auto* h : top) nums += std::to_string(h->number) + " ";
    // 总体情况 subtopics 一–六, then the statutory parts restart; 四 was lost in the conversion.
    CHECK(nums == "1 2 3 4 5 6 1 2 3 5 ");
    // (二)…(六) are table row labels left in the text: the list starts at (二);
    // "五、" follows "三、".
    CHECK(f.issues() == "start@108:(二)->(一);gap@205:五、->四、;");
    CHECK(f.doc.tables.size() == 8);
    CHECK(f.doc.tables[0].rows[1][0].text == "规章");
}

TEST_CASE("real report: Shuyang OCR markdown headings and tables", "[model][heading][real]") {
    auto f = Fixture::file(data("shuyang-county-2025-ocr.txt"));
    CHECK(f.issues() == "");
    REQUIRE_FALSE(f.doc.headings.empty());
    const Heading& h0 = f.doc.headings[0];
    CHECK(h0.line == 8);  // "## 一、总体情况"
    CHECK(f.v(h0.marker) == "一、");
    CHECK(f.v(h0.title) == "总体情况");
    const Heading& h1 = f.doc.headings[1];
    CHECK(h1.line == 12);  // "### (一) 系统化推进主动公开。"
    CHECK(h1.style == NumStyle::paren_cjk);
    CHECK(h1.parent == 0);
    CHECK(f.v(h1.title) == "系统化推进主动公开");
    CHECK(f.doc.tables.size() == 19);
    for (const auto& t : f.doc.tables) CHECK(t.layout == TableLayout::markdown);
    const Cell* c = f.find_cell("4068.208");
    REQUIRE(c != nullptr);
    CHECK(c->line == 75);
}

TEST_CASE("marker forms and non-markers", "[model][heading]") {
    auto f = Fixture::text(
        "第一部分 总体情况\n"     // 1 part
        "一、概述\n"              // 2
        "二．主动公开\n"          // 3 full-width dot
        "（一）主动公开方面。正文\n"  // 4
        "1.政府网站\n"            // 5
        "（1）网站栏目：内容\n"   // 6
        "2017.12月以来\n"         // 7 not a heading
        "2.5万元\n"               // 8 not a heading
        "2017年全年\n"            // 9 not a heading
        "一是完善制度\n"          // 10 not a heading
        "（注：说明）\n"          // 11 not a heading
        "三、\n"                  // 12 marker alone: not a heading
        "第二十条第（一）项\n"    // 13 not a heading
        "## **三、存在问题**\n"   // 14 markdown heading
        "十一、其他\n"            // 15
        "2、第二项\n");           // 16
    std::vector<std::uint32_t> lines;
    for (const auto& h : f.doc.headings) lines.push_back(h.line);
    CHECK(lines == std::vector<std::uint32_t>{1, 2, 3, 4, 5, 6, 14, 15, 16});
    const auto& H = f.doc.headings;
    REQUIRE(H.size() == 9);
    CHECK(H[0].style == NumStyle::part);
    CHECK(H[0].level == 0);
    CHECK(H[0].number == 1);
    CHECK(f.v(H[0].marker) == "第一部分");
    CHECK(f.v(H[0].text) == "总体情况");
    CHECK(H[1].parent == 0);
    CHECK(H[2].number == 2);
    CHECK(f.v(H[2].marker) == "二.");
    CHECK(H[3].style == NumStyle::paren_cjk);
    CHECK(H[3].parent == 2);
    CHECK(f.v(H[3].text) == "主动公开方面。正文");
    CHECK(f.v(H[3].title) == "主动公开方面");
    CHECK(H[4].style == NumStyle::arabic_dot);
    CHECK(H[4].parent == 3);
    CHECK(H[5].style == NumStyle::paren_arabic);
    CHECK(H[5].level == 4);
    CHECK(H[5].parent == 4);
    CHECK(f.v(H[5].title) == "网站栏目");
    CHECK(H[6].number == 3);
    CHECK(f.v(H[6].marker) == "三、");
    CHECK(f.v(H[6].title) == "存在问题");
    CHECK(H[6].parent == 0);
    CHECK(H[7].number == 11);
    CHECK(H[8].style == NumStyle::arabic_dot);
    CHECK(H[8].number == 2);
    CHECK(f.v(H[8].marker) == "2、");
    CHECK(to_string(NumStyle::paren_cjk) == "paren_cjk");
    CHECK(to_string(NumStyle::arabic_dot) == "arabic_dot");
    CHECK(to_string(TableLayout::markdown) == "markdown");
    CHECK(to_string(TableLayout::cell_per_line) == "cell_per_line");
}

TEST_CASE("body and extent follow the section tree", "[model][heading]") {
    std::string text =
        "标题\n"
        "一、甲\n"
        "甲的正文\n"
        "（一）子\n"
        "子的正文\n"
        "二、乙\n"
        "乙的正文";
    auto f = Fixture::text(text);
    REQUIRE(f.doc.headings.size() == 3);
    CHECK(f.v(f.doc.body(0)) == "\n甲的正文\n(一)子\n子的正文\n");
    CHECK(f.v(f.doc.extent(0)) == "一、甲\n甲的正文\n(一)子\n子的正文\n");
    CHECK(f.v(f.doc.body(1)) == "\n子的正文\n");
    CHECK(f.v(f.doc.body(2)) == "\n乙的正文");
    CHECK(f.v(f.doc.extent(2)) == "二、乙\n乙的正文");
    CHECK(f.doc.body(7).empty());
}

// ---------------------------------------------------------------------------
// Numbering issues
// ---------------------------------------------------------------------------
TEST_CASE("numbering: gap, duplicate, start", "[model][numbering]") {
    SECTION("gap") {
        auto f = Fixture::text("一、甲\n（一）a\n（三）c\n二、乙\n");
        CHECK(f.issues() == "gap@3:(三)->(二);");
    }
    SECTION("duplicate") {
        auto f = Fixture::text("一、甲\n二、乙\n二、丙\n三、丁\n");
        CHECK(f.issues() == "duplicate@3:二、->二、;");
    }
    SECTION("start") {
        auto f = Fixture::text("一、甲\n（二）b\n（三）c\n");
        CHECK(f.issues() == "start@2:(二)->(一);");
    }
    SECTION("a lone item is not a list") {
        auto f = Fixture::text("一、甲\n（二）b\n二、乙\n");
        CHECK(f.issues() == "");
    }
    SECTION("sub-lists restart at 1 under each parent") {
        auto f = Fixture::text("一、甲\n1.a\n2.b\n二、乙\n1.c\n2.d\n3.e\n");
        CHECK(f.issues() == "");
    }
    SECTION("a list restarting at 1 is a new list; its gaps are still reported") {
        auto f = Fixture::text("一、甲\n二、乙\n三、丙\n一、丁\n二、戊\n三、己\n五、庚\n");
        CHECK(f.issues() == "gap@7:五、->四、;");
    }
    SECTION("arabic gap keeps the written punctuation") {
        auto f = Fixture::text("（一）甲\n1、a\n3、c\n");
        CHECK(f.issues() == "gap@3:3、->2、;");
    }
    SECTION("parts") {
        auto f = Fixture::text("第一部分 甲\n第三部分 丙\n");
        CHECK(f.issues() == "gap@2:第三部分->第二部分;");
    }
}

TEST_CASE("numbering: mixed numerals", "[model][numbering]") {
    SECTION("（一） （2） （3） （四）") {
        auto f = Fixture::text("六、其他\n（一）甲\n正文\n（2） 乙\n（3） 丙\n（四）丁\n");
        CHECK(f.issues() == "numerals@4:(2)->(二);numerals@5:(3)->(三);");
        for (const auto& h : f.doc.headings)
            if (h.line > 1) CHECK(h.parent == 0);
    }
    SECTION("一、 2. 三、") {
        auto f = Fixture::text("一、甲\n2.乙\n三、丙\n");
        CHECK(f.issues() == "numerals@2:2.->二、;");
        CHECK(f.doc.headings[1].parent == -1);
        CHECK(f.doc.headings[1].level == 1);
    }
    SECTION("（1） （2） （三）") {
        auto f = Fixture::text("一、甲\n（1）a\n（2）b\n（三）c\n");
        CHECK(f.issues() == "numerals@4:(三)->(3);");
        CHECK(f.doc.headings[3].parent == 0);
        CHECK(f.doc.headings[3].level == 4);
    }
    SECTION("a real gap is not mistaken for mixed numerals") {
        auto f = Fixture::text("一、甲\n1.a\n2.b\n三、丙\n");
        CHECK(f.issues() == "gap@4:三、->二、;");
        CHECK_FALSE(f.doc.headings[3].mixed_numerals);
    }
    SECTION("(1) (2) nested under (一) stay children") {
        auto f = Fixture::text("一、甲\n（一）a\n（1）x\n（2）y\n（二）b\n");
        CHECK(f.issues() == "");
        CHECK(f.doc.headings[3].parent == 1);
    }
}

TEST_CASE("a report on one line: its parts are found inside the line", "[model][headings]") {
    // seed 002 with every line break, TAB and space removed (a crawler's text of the page)
    std::string t;
    for (char c : slurp(seed("002_16652a60a82de5e5.txt")))
        if (c != '\n' && c != '\t' && c != ' ') t.push_back(c);
    auto f = Fixture::text(t);
    std::vector<std::string> parts;
    for (const Heading* h : f.top()) {
        CHECK(h->in_line);
        CHECK(h->line == 1);
        parts.push_back(f.v(h->marker) + f.v(h->text).substr(0, 12));
    }
    // table 三's rows "一、本年新收…640020470" (digits glued to the label) are not parts
    REQUIRE(parts.size() == 6);
    CHECK(parts[0] == "一、总体情况");
    CHECK(parts[2] == "三、收到和处");
    CHECK(parts[3] == "四、政府信息");
    // a part's body runs from its marker to the next part's
    const Span b = f.doc.body(1);
    CHECK(b.begin == f.doc.headings[1].marker.end);
    CHECK(b.end == f.top()[2]->marker.begin);

    // a report whose parts begin lines is not searched inside its lines
    auto g = Fixture::file(seed("002_16652a60a82de5e5.txt"));
    for (const auto& h : g.doc.headings) CHECK_FALSE(h.in_line);
}
