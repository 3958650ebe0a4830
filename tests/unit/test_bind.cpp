// Table binding (engine/bind/tables.*) on real reports: the seed reports in
// reports-samples/ and the text of real published reports in tests/data/bind/
// (pdftotext -layout and plain pdftotext output of the PDFs in
// shared/real-reports, and the markdown / OCR conversions found with them).
// The TableDecls are built by hand as the rule compiler will build them from
// the 2021 format's tables 二, 三, 四 and the pre-2019 统计表.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "bind/sections.hpp"
#include "bind/tables.hpp"
#include "core/textnorm.hpp"
#include "model/document.hpp"

using namespace nianbao;
using nianbao::rules::ColumnDecl;
using nianbao::rules::RowDecl;
using nianbao::rules::SectionDecl;
using nianbao::rules::StringLit;
using nianbao::rules::TableDecl;

namespace {

std::string slurp(const std::string& path) {
    REQUIRE(std::filesystem::is_regular_file(path));
    return test::slurp_text(path);
}
std::string seed(const char* name) { return test::sample_path(name).string(); }
std::string data(const char* name) { return std::string(NIANBAO_TEST_DATA) + "/bind/" + name; }

CharNormalizer& normalizer() {
    static CharNormalizer n;
    return n;
}
StringLit lit(const std::string& s) {
    StringLit l;
    l.value = s;
    l.normal = normalizer().normalize(s);
    return l;
}

// ---- declarations of the 2021 format ---------------------------------------
struct Decls {
    std::vector<SectionDecl> sections;
    TableDecl t2, t3, t4, legacy;

    static SectionDecl section(const char* name, int number, std::vector<const char*> titles) {
        SectionDecl s;
        s.name = name;
        s.number = number;
        s.level = 1;
        for (const char* t : titles) s.titles.push_back(lit(t));
        return s;
    }
    static RowDecl row(const char* name, std::vector<std::string> labels, std::vector<const char*> columns = {}) {
        RowDecl r;
        r.name = name;
        for (auto& l : labels) r.labels.push_back(lit(l));
        for (const char* c : columns) r.columns.push_back({c, {}});
        return r;
    }
    static void columns(TableDecl& t, std::vector<const char*> names) {
        for (const char* n : names) {
            ColumnDecl c;
            c.name = n;
            t.columns.push_back(c);
        }
    }

    Decls() {
        sections.push_back(section("总体情况", 1, {"总体情况"}));
        sections.push_back(section("主动公开", 2, {"主动公开政府信息情况"}));
        sections.push_back(section("申请情况", 3, {"收到和处理政府信息公开申请情况"}));
        sections.push_back(section("复议诉讼", 4,
                                   {"政府信息公开行政复议、行政诉讼情况",
                                    "因政府信息公开工作被申请行政复议、提起行政诉讼情况"}));
        sections.push_back(section("问题改进", 5,
                                   {"存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况"}));
        sections.push_back(section("其他事项", 6, {"其他需要报告的事项"}));

        t2.name = "主动公开表";
        t2.section = std::make_pair(std::string("主动公开"), rules::Where{});
        columns(t2, {"制发", "废止", "有效", "决定数", "收费金额"});
        t2.rows.push_back(row("规章", {"规章"}, {"制发", "废止", "有效"}));
        t2.rows.push_back(row("规范性文件", {"行政规范性文件"}, {"制发", "废止", "有效"}));
        t2.rows.push_back(row("行政许可", {"行政许可"}, {"决定数"}));
        t2.rows.push_back(row("行政处罚", {"行政处罚"}, {"决定数"}));
        t2.rows.push_back(row("行政强制", {"行政强制"}, {"决定数"}));
        t2.rows.push_back(row("收费", {"行政事业性收费"}, {"收费金额"}));
        t2.rows.back().type = rules::ValueType::decimal;

        t3.name = "申请表";
        t3.section = std::make_pair(std::string("申请情况"), rules::Where{});
        columns(t3, {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"});
        t3.rows.push_back(row("新收", {"一、本年新收政府信息公开申请数量"}));
        t3.rows.push_back(row("结转", {"二、上年结转政府信息公开申请数量"}));
        t3.rows.push_back(row("予以公开", {"（一）予以公开"}));
        t3.rows.push_back(row("部分公开", {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"}));
        t3.rows.push_back(row("国家秘密", {"1.属于国家秘密"}));
        t3.rows.push_back(row("法规禁止", {"2.其他法律行政法规禁止公开"}));
        t3.rows.push_back(row("三安全一稳定", {"3.危及“三安全一稳定”"}));
        t3.rows.push_back(row("第三方权益", {"4.保护第三方合法权益"}));
        t3.rows.push_back(row("内部事务", {"5.属于三类内部事务信息"}));
        t3.rows.push_back(row("过程性信息", {"6.属于四类过程性信息"}));
        t3.rows.push_back(row("执法案卷", {"7.属于行政执法案卷"}));
        t3.rows.push_back(row("查询事项", {"8.属于行政查询事项"}));
        t3.rows.push_back(row("不掌握", {"1.本机关不掌握相关政府信息"}));
        t3.rows.push_back(row("另行制作", {"2.没有现成信息需要另行制作"}));
        t3.rows.push_back(row("补正不明确", {"3.补正后申请内容仍不明确"}));
        t3.rows.push_back(row("信访举报", {"1.信访举报投诉类申请"}));
        t3.rows.push_back(row("重复申请", {"2.重复申请"}));
        t3.rows.push_back(row("公开出版物", {"3.要求提供公开出版物"}));
        t3.rows.push_back(row("大量反复", {"4.无正当理由大量反复申请"}));
        t3.rows.push_back(row("确认重出", {"5.要求行政机关确认或重新出具已获取信息"}));
        t3.rows.push_back(row("逾期不补正", {"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"}));
        t3.rows.push_back(row("逾期未缴费", {"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"}));
        t3.rows.push_back(row("其他处理其他", {"3.其他"}));
        t3.rows.push_back(row("其他处理合并", {"（六）其他处理"}));
        t3.rows.back().optional = true;
        t3.rows.push_back(row("办理总计", {"（七）总计"}));
        t3.rows.push_back(row("结转下年", {"四、结转下年度继续办理"}));

        t4.name = "复议诉讼表";
        t4.section = std::make_pair(std::string("复议诉讼"), rules::Where{});
        columns(t4, {"复议维持", "复议纠正", "复议其他", "复议未结", "复议总计", "直诉维持", "直诉纠正", "直诉其他",
                     "直诉未结", "直诉总计", "复诉维持", "复诉纠正", "复诉其他", "复诉未结", "复诉总计"});
        RowDecl all;
        all.name = "全部";
        all.unlabeled = true;
        t4.rows.push_back(all);

        legacy.name = "统计表";
        legacy.anchors.push_back(lit("政府信息公开工作情况统计表"));
        columns(legacy, {"统计数"});
        legacy.rows.push_back(row("主动公开数", {"（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）"}));
        legacy.rows.push_back(row("规范性文件数", {"其中：主动公开规范性文件数"}));
        legacy.rows.push_back(row("制发总数", {"制发规范性文件总数"}));
        legacy.rows.push_back(row("回应解读", {"（二）通过不同渠道和方式回应解读的情况"}));
        legacy.rows.push_back(row("收到申请", {"（一）收到申请数"}));
        legacy.rows.push_back(row("当面申请", {"1.当面申请数"}));
        legacy.rows.push_back(row("网络申请", {"3.网络申请数"}));
        legacy.rows.push_back(row("申请办结", {"（二）申请办结数"}));
        legacy.rows.push_back(row("复议", {"四、行政复议数量"}));
        legacy.rows.push_back(row("复议纠错", {"（二）被依法纠错数"}));
        legacy.rows.push_back(row("诉讼", {"五、行政诉讼数量"}));
        legacy.rows.push_back(row("诉讼纠错", {"（二）被依法纠错数"}));
        legacy.rows.push_back(row("收费", {"十二、依申请公开信息收取的费用"}));
        legacy.rows.push_back(row("人员", {"（二）从事政府信息公开工作人员数"}));
        legacy.rows.push_back(row("培训人次", {"（三）接受培训人员数"}));
    }
};

const Decls& decls() {
    static Decls d;
    return d;
}

struct Bound {
    std::unique_ptr<SourceText> src;
    Document doc;
    std::vector<SectionBinding> sections;
    std::vector<BoundTable> tables;  // 二, 三, 四, 统计表

    explicit Bound(const std::string& path) {
        src = std::make_unique<SourceText>(path, slurp(path));
        doc = build_document(*src, normalizer());
        const Decls& d = decls();
        std::vector<const SectionDecl*> sp;
        for (const auto& s : d.sections) sp.push_back(&s);
        sections = bind_sections(doc, sp);
        std::vector<const TableDecl*> tp = {&d.t2, &d.t3, &d.t4, &d.legacy};
        tables = bind_tables(doc, tp, sections);
    }
    const BoundTable& table(const std::string& name) const {
        for (const auto& t : tables)
            if (t.decl->name == name) return t;
        FAIL("no table " << name);
        return tables.front();
    }
    const BoundRow& row(const std::string& table_name, const std::string& row) const {
        const BoundTable& t = table(table_name);
        for (const auto& r : t.rows)
            if (r.decl->name == row) return r;
        FAIL("no row " << row);
        return t.rows.front();
    }
    std::vector<double> numbers(const std::string& t, const std::string& r) const {
        std::vector<double> out;
        for (const auto& c : row(t, r).cells) {
            INFO(t << "/" << r << " " << to_string(c.state));
            REQUIRE(c.state == CellState::number);
            out.push_back(c.number);
        }
        return out;
    }
    bool bound(const BoundRow& r) const {
        return !r.cells.empty() && std::all_of(r.cells.begin(), r.cells.end(),
                                               [](const BoundCell& c) { return c.state != CellState::unbound; });
    }
    bool all_bound(const std::string& t) const {
        for (const auto& r : table(t).rows) {
            if (!bound(r)) return false;
        }
        return true;
    }
    std::uint32_t line_of(const BoundCell& c) const { return src->locate(doc.to_source(c.view).begin).line; }

    // Every bound number must be one that appears in the text at its place.
    void check_spans() const {
        for (const auto& t : tables)
            for (const auto& r : t.rows)
                for (const auto& c : r.cells) {
                    if (c.state == CellState::unbound || c.state == CellState::blank) continue;
                    CHECK(std::string(doc.view_text(c.view)) == c.text);
                }
    }

    // rows found / rows bound fully / cells bound / cells unbound
    std::string summary(const std::string& t) const {
        int found = 0, full = 0, cb = 0, cu = 0;
        std::string unb, other;
        if (!table(t).found) unb = "  (" + table(t).reason + ")";
        for (const auto& r : table(t).rows) {
            if (r.found) ++found;
            if (bound(r)) ++full;
            for (const auto& c : r.cells) {
                (c.state == CellState::unbound ? cu : cb)++;
                if (c.state != CellState::unbound && (c.state != CellState::number || !c.note.empty()))
                    other += " " + r.decl->name + ":" + std::string(to_string(c.state)) + "[" + c.text + "|" + c.note + "]";
            }
            if (!bound(r) && table(t).found)
                unb += "\n    " + r.decl->name + (r.found ? " [found] " : " [not found] ") + r.problem;
        }
        std::ostringstream os;
        os << t << ": rows " << table(t).rows.size() << " found " << found << " full " << full << " cells bound " << cb
           << " unbound " << cu << other << unb;
        return os.str();
    }
};

const std::vector<double> z7(7, 0.0);

}  // namespace

TEST_CASE("page number lines", "[bind][model]") {
    CHECK(is_page_number_line("— 4 —"));
    CHECK(is_page_number_line("- 4 -"));
    CHECK(is_page_number_line("-4-"));
    CHECK(is_page_number_line("  -12-  "));
    CHECK(is_page_number_line("第 4 页"));
    CHECK(is_page_number_line("第4页共12页"));
    CHECK(is_page_number_line("4/12"));
    CHECK_FALSE(is_page_number_line("4"));
    CHECK_FALSE(is_page_number_line("-"));
    CHECK_FALSE(is_page_number_line("2023年"));
    CHECK_FALSE(is_page_number_line("-4"));
    CHECK_FALSE(is_page_number_line("第4部分"));
}

TEST_CASE("seed 002: cell-per-line tables 二 三 四", "[bind]") {
    Bound b(seed("002_16652a60a82de5e5.txt"));
    b.check_spans();
    const auto& t2 = b.table("主动公开表");
    REQUIRE(t2.found);
    CHECK(b.all_bound("主动公开表"));
    CHECK(b.numbers("主动公开表", "规章") == std::vector<double>{0, 0, 0});
    CHECK(b.numbers("主动公开表", "规范性文件") == std::vector<double>{0, 0, 0});
    CHECK(b.numbers("主动公开表", "行政许可") == std::vector<double>{0});
    CHECK(b.numbers("主动公开表", "收费") == std::vector<double>{0});
    CHECK(b.line_of(b.row("主动公开表", "收费").cells[0]) == 55);
    CHECK(b.line_of(b.row("主动公开表", "规章").cells[2]) == 23);

    const auto& t3 = b.table("申请表");
    REQUIRE(t3.found);
    for (const auto& r : t3.rows) {
        INFO(r.decl->name);
        if (r.decl->name == "其他处理合并") {
            CHECK_FALSE(r.found);  // a group heading here: "（六）其他处理" is followed by its sub-rows
            CHECK(std::all_of(r.cells.begin(), r.cells.end(),
                              [](const BoundCell& c) { return c.state == CellState::unbound; }));
            continue;
        }
        CHECK(r.found);
        CHECK(r.match == "label");
        CHECK(b.numbers("申请表", r.decl->name) == z7);
    }
    CHECK(b.line_of(b.row("申请表", "予以公开").cells[0]) == 97);
    CHECK(b.line_of(b.row("申请表", "予以公开").cells[6]) == 103);
    CHECK(b.line_of(b.row("申请表", "逾期不补正").cells[0]) == 295);
    CHECK(b.line_of(b.row("申请表", "结转下年").cells[6]) == 342);

    const auto& t4 = b.table("复议诉讼表");
    REQUIRE(t4.found);
    CHECK(b.row("复议诉讼表", "全部").match == "position");
    CHECK(b.numbers("复议诉讼表", "全部") == std::vector<double>(15, 0.0));
    CHECK(b.line_of(b.row("复议诉讼表", "全部").cells[0]) == 380);
    CHECK(b.line_of(b.row("复议诉讼表", "全部").cells[14]) == 394);
}

TEST_CASE("seed 004: the 2017 统计表, blanks stay blank", "[bind]") {
    Bound b(seed("004_32df0900e40a0d23.txt"));
    b.check_spans();
    const auto& t = b.table("统计表");
    REQUIRE(t.found);
    auto cell = [&](const char* r) { return b.row("统计表", r).cells.at(0); };
    CHECK(cell("主动公开数").number == 142);
    CHECK(cell("主动公开数").unit == "条");
    CHECK(cell("规范性文件数").number == 142);
    CHECK(cell("制发总数").state == CellState::blank);
    CHECK(cell("制发总数").unit == "件");
    CHECK(cell("回应解读").number == 13);  // its 单位 cell is empty
    CHECK(cell("收到申请").state == CellState::number);
    CHECK(cell("收到申请").number == 0);
    CHECK(b.line_of(cell("收到申请")) == 145);
    CHECK(cell("当面申请").state == CellState::blank);
    CHECK(cell("网络申请").state == CellState::blank);
    CHECK(cell("申请办结").number == 0);
    CHECK(cell("复议").number == 0);
    CHECK(cell("复议纠错").state == CellState::blank);
    CHECK(b.line_of(cell("复议纠错")) == 249);
    CHECK(cell("诉讼").number == 0);
    CHECK(cell("诉讼纠错").state == CellState::blank);
    CHECK(b.line_of(cell("诉讼纠错")) == 265);
    CHECK(cell("收费").number == 0);
    CHECK(cell("收费").unit == "万元");
    CHECK(cell("人员").number == 2);
    CHECK(cell("培训人次").number == 45);
    CHECK(cell("培训人次").unit == "人次");
    // the 2021 tables are not in a 2017 report
    CHECK_FALSE(b.table("申请表").found);
}

TEST_CASE("seed 004 copied as tab-separated rows: the same cells, at their places", "[bind]") {
    // tests/data/bind/004-tab-separated.txt is seed 004 with its cell-per-line table
    // written as a copy out of Excel/WPS gives it (make_tab_separated.py).
    Bound a(seed("004_32df0900e40a0d23.txt"));
    Bound b(data("004-tab-separated.txt"));
    b.check_spans();
    REQUIRE(b.doc.tables.size() == 1);
    CHECK(b.doc.tables[0].layout == TableLayout::tab_separated);
    for (const char* name : {"统计表", "申请表"}) {
        const BoundTable& ta = a.table(name);
        const BoundTable& tb = b.table(name);
        CHECK(ta.found == tb.found);
        REQUIRE(ta.rows.size() == tb.rows.size());
        for (std::size_t r = 0; r < ta.rows.size(); ++r) {
            INFO(name << " / " << ta.rows[r].decl->name);
            CHECK(tb.rows[r].found == ta.rows[r].found);
            CHECK(tb.rows[r].match == ta.rows[r].match);
            CHECK(tb.rows[r].problem == ta.rows[r].problem);
            REQUIRE(tb.rows[r].cells.size() == ta.rows[r].cells.size());
            for (std::size_t c = 0; c < ta.rows[r].cells.size(); ++c) {
                const BoundCell& x = ta.rows[r].cells[c];
                const BoundCell& y = tb.rows[r].cells[c];
                CHECK(y.state == x.state);
                CHECK(y.number == x.number);
                CHECK(y.text == x.text);
                CHECK(y.note == x.note);
                CHECK(y.unit == x.unit);
            }
        }
    }
    // places: line and code-point column of the cell in the tab-separated file
    auto place = [&](const char* row) {
        const BoundCell& c = b.row("统计表", row).cells.at(0);
        LineCol lc = b.src->locate(b.doc.to_source(c.view).begin);
        return std::make_pair(lc.line, lc.column);
    };
    CHECK(b.row("统计表", "主动公开数").cells[0].number == 142);
    CHECK(place("主动公开数") == std::make_pair(57u, 38u));
    CHECK(place("规范性文件数") == std::make_pair(58u, 26u));
    CHECK(place("收费") == std::make_pair(126u, 24u));
    CHECK(b.row("统计表", "培训人次").cells[0].number == 45);
    CHECK(place("培训人次") == std::make_pair(136u, 20u));
    // a blank cell stays blank, placed in its line
    const BoundCell& blank = b.row("统计表", "制发总数").cells.at(0);
    CHECK(blank.state == CellState::blank);
    CHECK(blank.unit == "件");
    CHECK(b.line_of(blank) == 59);
}

TEST_CASE("huaian-city-2024: pdftotext -layout, table 三 across a page break", "[bind]") {
    Bound b(data("huaian-city-2024.layout.txt"));
    b.check_spans();
    INFO(b.summary("申请表"));
    CHECK(b.all_bound("主动公开表"));
    CHECK(b.numbers("主动公开表", "规章") == std::vector<double>{1, 0, 11});
    CHECK(b.numbers("主动公开表", "规范性文件") == std::vector<double>{8, 26, 66});
    CHECK(b.numbers("主动公开表", "行政许可") == std::vector<double>{447228});
    CHECK(b.numbers("主动公开表", "行政处罚") == std::vector<double>{3985758});
    CHECK(b.numbers("主动公开表", "收费") == std::vector<double>{96171.6});

    for (const auto& r : b.table("申请表").rows) {
        INFO(r.decl->name << " " << r.problem);
        if (r.decl->name == "其他处理合并") {
            CHECK_FALSE(b.bound(r));
            continue;
        }
        CHECK(b.bound(r));
    }
    CHECK(b.numbers("申请表", "新收") == std::vector<double>{3001, 53, 0, 0, 61, 4, 3119});
    CHECK(b.numbers("申请表", "部分公开") == std::vector<double>{447, 7, 0, 0, 0, 0, 454});
    CHECK(b.numbers("申请表", "另行制作") == std::vector<double>{11, 0, 0, 0, 0, 0, 11});  // after "-4-"
    CHECK(b.numbers("申请表", "确认重出") == std::vector<double>{1, 0, 0, 0, 0, 0, 1});
    CHECK(b.numbers("申请表", "逾期不补正") == std::vector<double>{67, 3, 0, 0, 1, 0, 71});
    CHECK(b.numbers("申请表", "逾期未缴费") == std::vector<double>{6, 0, 0, 0, 0, 0, 6});
    CHECK(b.numbers("申请表", "其他处理其他") == std::vector<double>{108, 2, 0, 0, 0, 0, 110});
    CHECK(b.numbers("申请表", "办理总计") == std::vector<double>{2932, 53, 0, 0, 61, 4, 3050});
    CHECK(b.numbers("申请表", "结转下年") == std::vector<double>{103, 0, 0, 0, 0, 0, 103});
    // the table's own identity holds for every column
    for (std::size_t c = 0; c < 7; ++c) {
        double lhs = b.numbers("申请表", "新收")[c] + b.numbers("申请表", "结转")[c];
        double rhs = b.numbers("申请表", "办理总计")[c] + b.numbers("申请表", "结转下年")[c];
        CHECK(lhs == rhs);
    }
    CHECK(b.numbers("复议诉讼表", "全部") ==
          std::vector<double>{72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20});
}

TEST_CASE("huaian-city-2024: section 三 fragment, vertical labels", "[bind]") {
    Bound b(data("huaian-city-2024-section3-fragment.txt"));
    b.check_spans();
    INFO(b.summary("申请表"));
    CHECK(b.numbers("申请表", "新收") == std::vector<double>{3001, 53, 0, 0, 61, 4, 3119});
    CHECK(b.numbers("申请表", "予以公开") == std::vector<double>{1288, 21, 0, 0, 50, 3, 1362});
    CHECK(b.numbers("申请表", "部分公开") == std::vector<double>{447, 7, 0, 0, 0, 0, 454});
    CHECK(b.numbers("申请表", "查询事项") == std::vector<double>{105, 0, 0, 0, 0, 0, 105});
    CHECK(b.numbers("申请表", "不掌握") == std::vector<double>{746, 12, 0, 0, 10, 1, 769});
    CHECK_FALSE(b.row("申请表", "办理总计").found);  // the fragment ends before it
}

TEST_CASE("huaian-city-2024: plain pdftotext binds nothing wrong", "[bind]") {
    Bound b(data("huaian-city-2024.raw.txt"));
    b.check_spans();
    INFO(b.summary("申请表"));
    // Where the plain text keeps a label and its values together, they bind;
    // nothing binds to another row's values.
    for (const auto& r : b.table("申请表").rows) {
        if (!b.bound(r)) continue;
        INFO(r.decl->name);
        static const std::map<std::string, std::vector<double>> truth = {
            {"新收", {3001, 53, 0, 0, 61, 4, 3119}}, {"国家秘密", {2, 0, 0, 0, 0, 0, 2}},
            {"法规禁止", {30, 1, 0, 0, 0, 0, 31}},   {"三安全一稳定", {5, 0, 0, 0, 0, 0, 5}},
            {"第三方权益", {6, 0, 0, 0, 0, 0, 6}},   {"内部事务", {7, 1, 0, 0, 0, 0, 8}},
            {"过程性信息", {12, 0, 0, 0, 0, 0, 12}}, {"执法案卷", {9, 0, 0, 0, 0, 0, 9}},
            {"查询事项", {105, 0, 0, 0, 0, 0, 105}}, {"不掌握", {746, 12, 0, 0, 10, 1, 769}},
            {"另行制作", {11, 0, 0, 0, 0, 0, 11}},   {"补正不明确", {1, 0, 0, 0, 0, 0, 1}},
            {"信访举报", {56, 6, 0, 0, 0, 0, 62}},   {"重复申请", {25, 0, 0, 0, 0, 0, 25}},
            {"公开出版物", {0, 0, 0, 0, 0, 0, 0}},   {"大量反复", {0, 0, 0, 0, 0, 0, 0}},
            {"办理总计", {2932, 53, 0, 0, 61, 4, 3050}}, {"结转下年", {103, 0, 0, 0, 0, 0, 103}},
        };
        auto it = truth.find(r.decl->name);
        REQUIRE(it != truth.end());
        CHECK(b.numbers("申请表", r.decl->name) == it->second);
    }
    CHECK_FALSE(b.bound(b.row("复议诉讼表", "全部")));  // the plain text scatters table 四
}

TEST_CASE("hongze-district-2023: one-row （六）其他处理, table 四 as printed", "[bind]") {
    Bound b(data("hongze-district-2023.layout.txt"));
    b.check_spans();
    INFO(b.summary("申请表"));
    CHECK(b.numbers("主动公开表", "规范性文件") == std::vector<double>{0, 5, 5});
    CHECK(b.numbers("主动公开表", "行政许可") == std::vector<double>{550});
    CHECK(b.numbers("主动公开表", "行政处罚") == std::vector<double>{4119});
    CHECK(b.numbers("主动公开表", "收费") == std::vector<double>{7730.28});
    CHECK(b.row("主动公开表", "收费").cells[0].text == "7730.28");

    CHECK(b.numbers("申请表", "新收") == std::vector<double>{21, 0, 0, 0, 0, 0, 21});
    CHECK(b.numbers("申请表", "部分公开") == std::vector<double>{4, 0, 0, 0, 0, 0, 4});
    CHECK(b.numbers("申请表", "国家秘密") == std::vector<double>{1, 0, 0, 0, 0, 0, 1});
    // printed "2.其他法律行政止公开": read as the format's row, by a fuzzy match
    CHECK(b.row("申请表", "法规禁止").found);
    CHECK(b.row("申请表", "法规禁止").match == "fuzzy");
    CHECK(b.numbers("申请表", "法规禁止") == z7);
    CHECK(b.numbers("申请表", "不掌握") == std::vector<double>{10, 0, 0, 0, 0, 0, 10});
    CHECK(b.numbers("申请表", "补正不明确") == z7);  // after the page break
    CHECK(b.numbers("申请表", "确认重出") == z7);
    CHECK(b.numbers("申请表", "其他处理合并") == z7);
    CHECK(b.row("申请表", "其他处理合并").found);
    CHECK_FALSE(b.row("申请表", "逾期不补正").found);
    CHECK_FALSE(b.row("申请表", "逾期未缴费").found);
    CHECK_FALSE(b.row("申请表", "其他处理其他").found);
    CHECK(b.numbers("申请表", "办理总计") == std::vector<double>{21, 0, 0, 0, 0, 0, 21});
    CHECK(b.numbers("申请表", "结转下年") == z7);
    CHECK(b.numbers("复议诉讼表", "全部") == std::vector<double>{10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0});
}

TEST_CASE("hongze-district-2024: layout", "[bind]") {
    Bound b(data("hongze-district-2024.layout.txt"));
    b.check_spans();
    INFO(b.summary("申请表"));
    CHECK(b.numbers("主动公开表", "收费") == std::vector<double>{7545});
    CHECK(b.numbers("申请表", "新收") == std::vector<double>{95, 0, 0, 0, 0, 0, 95});
    CHECK(b.numbers("申请表", "结转") == z7);
    CHECK(b.numbers("申请表", "不掌握") == std::vector<double>{31, 0, 0, 0, 0, 0, 31});
    CHECK(b.numbers("申请表", "另行制作") == std::vector<double>{1, 0, 0, 0, 0, 0, 1});
    CHECK(b.numbers("申请表", "其他处理合并") == z7);
    CHECK_FALSE(b.row("申请表", "逾期不补正").found);
    CHECK(b.numbers("申请表", "办理总计") == std::vector<double>{95, 0, 0, 0, 0, 0, 95});
    CHECK(b.numbers("申请表", "结转下年") == z7);
    CHECK(b.bound(b.row("复议诉讼表", "全部")));
}

TEST_CASE("hongze: plain pdftotext binds nothing wrong", "[bind]") {
    for (const char* f : {"hongze-district-2023.raw.txt", "hongze-district-2024.raw.txt"}) {
        Bound b(data(f));
        b.check_spans();
        INFO(f << "\n" << b.summary("申请表") << "\n" << b.summary("复议诉讼表"));
        Bound lay(data(std::string(f).replace(std::string(f).find(".raw"), 4, ".layout").c_str()));
        for (const auto& name : {"主动公开表", "申请表", "复议诉讼表"}) {
            for (const auto& r : b.table(name).rows) {
                if (!b.bound(r)) continue;
                INFO(name << "/" << r.decl->name);
                CHECK(b.numbers(name, r.decl->name) == lay.numbers(name, r.decl->name));
            }
        }
    }
}

TEST_CASE("shanghai-govoffice-2025: markdown conversion with scrambled rows", "[bind]") {
    Bound b(data("shanghai-govoffice-2025-pdf2md.md"));
    b.check_spans();
    INFO(b.summary("主动公开表") << "\n" << b.summary("申请表"));
    CHECK(b.numbers("主动公开表", "行政许可") == std::vector<double>{0});
    CHECK(b.numbers("主动公开表", "收费") == std::vector<double>{0});
    // "| 规章 | 22 | 235 |": two values for three columns; which one is missing is not written
    CHECK_FALSE(b.bound(b.row("主动公开表", "规章")));
    CHECK(b.row("主动公开表", "规章").problem.find("只找到2个值") != std::string::npos);

    auto n = [&](const char* r) { return b.numbers("申请表", r); };
    CHECK(n("新收") == std::vector<double>{1259, 36, 0, 0, 0, 0, 1295});
    CHECK(n("结转") == std::vector<double>{170, 15, 0, 0, 4, 0, 189});
    CHECK(n("予以公开") == std::vector<double>{201, 5, 0, 0, 0, 0, 206});
    CHECK(n("部分公开") == std::vector<double>{2, 0, 0, 0, 0, 0, 2});
    CHECK(n("国家秘密") == std::vector<double>{4, 0, 0, 0, 0, 0, 4});
    CHECK(n("内部事务") == std::vector<double>{8, 0, 0, 0, 1, 0, 9});
    CHECK(n("不掌握") == std::vector<double>{484, 28, 0, 0, 1, 0, 513});
    CHECK(n("大量反复") == std::vector<double>{1, 0, 0, 0, 0, 0, 1});
    CHECK(n("其他处理其他") == std::vector<double>{264, 12, 0, 0, 0, 0, 276});
    CHECK(n("办理总计") == std::vector<double>{1139, 48, 0, 0, 4, 0, 1191});
    CHECK(n("结转下年") == std::vector<double>{290, 3, 0, 0, 0, 0, 293});
    CHECK(n("新收")[6] + n("结转")[6] == n("办理总计")[6] + n("结转下年")[6]);
    // scrambled by the conversion: not bound
    CHECK_FALSE(b.bound(b.row("申请表", "确认重出")));
    CHECK_FALSE(b.bound(b.row("申请表", "逾期不补正")));
    CHECK_FALSE(b.bound(b.row("申请表", "逾期未缴费")));
    CHECK(b.numbers("复议诉讼表", "全部") ==
          std::vector<double>{40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22});
}

TEST_CASE("shanghai-stc-2024: noisy conversion, nothing bound to a wrong row", "[bind]") {
    Bound b(data("shanghai-stc-2024-pdf2md.md"));
    b.check_spans();
    INFO(b.summary("主动公开表") << "\n" << b.summary("申请表") << "\n" << b.summary("复议诉讼表"));
    CHECK(b.numbers("主动公开表", "行政许可") == std::vector<double>{97});
    CHECK(b.numbers("主动公开表", "规章") == std::vector<double>{0, 0, 0});
    CHECK_FALSE(b.row("主动公开表", "规范性文件").found);  // written "规范性文件" (2019 wording)
    auto n = [&](const char* r) { return b.numbers("申请表", r); };
    CHECK(n("新收") == std::vector<double>{32, 2, 0, 0, 0, 0, 34});
    CHECK(n("结转") == std::vector<double>{2, 0, 0, 0, 0, 0, 2});
    CHECK(n("予以公开") == std::vector<double>{9, 0, 0, 0, 0, 0, 9});
    CHECK(n("国家秘密") == z7);
    CHECK(n("过程性信息") == std::vector<double>{1, 0, 0, 0, 0, 0, 1});
    CHECK(n("其他处理其他") == std::vector<double>{4, 0, 0, 0, 0, 0, 4});
    CHECK(n("办理总计") == std::vector<double>{33, 2, 0, 0, 0, 0, 35});
    // labels moved out of their rows by the conversion
    for (const char* r : {"部分公开", "法规禁止", "内部事务", "不掌握", "另行制作", "补正不明确", "大量反复",
                          "确认重出", "逾期不补正", "逾期未缴费"}) {
        INFO(r);
        CHECK_FALSE(b.bound(b.row("申请表", r)));
    }
    // 结转下年's 总计 cell is empty in this conversion
    const auto& last = b.row("申请表", "结转下年");
    CHECK(last.cells[0].number == 1);
    CHECK(last.cells[6].state == CellState::blank);
    CHECK(b.numbers("复议诉讼表", "全部") == std::vector<double>{1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("shuyang-county-2025: OCR markdown, labels without markers", "[bind]") {
    Bound b(data("shuyang-county-2025-ocr.txt"));
    b.check_spans();
    INFO(b.summary("主动公开表") << "\n" << b.summary("申请表") << "\n" << b.summary("复议诉讼表"));
    CHECK(b.numbers("主动公开表", "规范性文件") == std::vector<double>{6, 1, 32});
    CHECK(b.numbers("主动公开表", "收费") == std::vector<double>{4068.208});
    auto n = [&](const char* r) { return b.numbers("申请表", r); };
    CHECK(n("新收") == std::vector<double>{705, 3, 0, 0, 5, 0, 713});
    CHECK(b.row("申请表", "新收").match == "unnumbered");
    CHECK(n("结转") == std::vector<double>{36, 0, 0, 0, 0, 0, 36});
    CHECK(n("予以公开") == std::vector<double>{290, 1, 0, 0, 3, 0, 294});
    CHECK(n("部分公开") == std::vector<double>{99, 0, 0, 0, 2, 0, 101});
    CHECK(n("逾期不补正") == std::vector<double>{9, 0, 0, 0, 0, 0, 9});
    CHECK(n("逾期未缴费") == std::vector<double>{7, 0, 0, 0, 0, 0, 7});
    CHECK(n("其他处理其他") == std::vector<double>{142, 1, 0, 0, 0, 0, 143});
    CHECK(n("办理总计") == std::vector<double>{710, 3, 0, 0, 5, 0, 718});
    CHECK(n("结转下年") == std::vector<double>{31, 0, 0, 0, 0, 0, 31});
    CHECK(n("新收")[6] + n("结转")[6] == n("办理总计")[6] + n("结转下年")[6]);
    double sum = 0;
    for (const auto& r : b.table("申请表").rows) {
        std::string name = r.decl->name;
        if (name == "新收" || name == "结转" || name == "办理总计" || name == "结转下年" || !b.bound(r)) continue;
        sum += r.cells[6].number;
    }
    CHECK(sum == 718);
    CHECK_FALSE(b.row("申请表", "其他处理合并").found);
}

// Not a check: prints the binding summary of every input (for reports).
TEST_CASE("binding summary", "[.bind-summary]") {
    const std::vector<std::string> inputs = {
        seed("002_16652a60a82de5e5.txt"),          seed("004_32df0900e40a0d23.txt"),
        data("huaian-city-2024.layout.txt"),       data("huaian-city-2024.raw.txt"),
        data("huaian-city-2024-section3-fragment.txt"), data("hongze-district-2023.layout.txt"),
        data("hongze-district-2023.raw.txt"),      data("hongze-district-2024.layout.txt"),
        data("hongze-district-2024.raw.txt"),      data("shanghai-govoffice-2025-pdf2md.md"),
        data("shanghai-stc-2024-pdf2md.md"),       data("shuyang-county-2025-ocr.txt"),
    };
    for (const auto& f : inputs) {
        Bound b(f);
        std::cout << "== " << f.substr(f.rfind('/') + 1) << "\n";
        for (const auto& t : b.tables) std::cout << "  " << b.summary(t.decl->name) << "\n";
    }
}

namespace {
struct TextBound {
    std::unique_ptr<SourceText> src;
    Document doc;
    std::vector<SectionBinding> sections;
    std::vector<BoundTable> tables;
    explicit TextBound(std::string text) {
        src = std::make_unique<SourceText>("<test>", std::move(text));
        doc = build_document(*src, normalizer());
        const Decls& d = decls();
        std::vector<const SectionDecl*> sp;
        for (const auto& s : d.sections) sp.push_back(&s);
        sections = bind_sections(doc, sp);
        std::vector<const TableDecl*> tp = {&d.t2, &d.t3, &d.t4};
        tables = bind_tables(doc, tp, sections);
    }
    const BoundRow& row(std::size_t t, const std::string& name) const {
        for (const auto& r : tables.at(t).rows)
            if (r.decl->name == name) return r;
        FAIL("no row " << name);
        return tables.at(t).rows.front();
    }
};
}  // namespace

TEST_CASE("never binds page numbers, years or prose numbers", "[bind]") {
    TextBound b(
        "二、主动公开政府信息情况\n"
        "全年主动公开行政许可 12 件，行政处罚 3 件。\n"
        "行政强制\n"
        "- 4 -\n"
        "2023 年\n"
        "三、收到和处理政府信息公开申请情况\n"
        "2023 年，本机关收到申请 21 件，办结 20 件，结转 1 件。\n"
        "（七）总计\n"
        "— 5 —\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "2023 年本机关被申请行政复议 1 件，行政诉讼 0 件，其他 0 件。\n"
        "五、存在的主要问题及改进情况\n");
    for (const auto& t : b.tables)
        for (const auto& r : t.rows)
            for (const auto& c : r.cells) {
                INFO(t.decl->name << "/" << r.decl->name);
                CHECK(c.state == CellState::unbound);
            }
    CHECK(b.row(1, "办理总计").found);
    CHECK(b.row(1, "办理总计").problem == "标签后面没有数值");
    CHECK_FALSE(b.row(0, "行政许可").found);  // inside prose, not at the start of a label
    CHECK(b.row(2, "全部").problem == "未找到连续15个数值");
    CHECK_FALSE(b.tables[2].found);
}

TEST_CASE("values: units, notes, dashes, text, blanks, decimals", "[bind]") {
    TextBound b(
        "二、主动公开政府信息情况\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "|---|---|---|---|\n"
        "| 规章 | 22（其中修订16件） | — | 1,235 |\n"
        "| 行政规范性文件 |  | 无 | 3 | | |\n"
        "| 行政许可 | 不适用 |\n"
        "行政处罚          4119件\n"
        "行政强制 3.5\n"
        "行政事业性收费 96171.6万元\n"
        "三、收到和处理政府信息公开申请情况\n");
    const auto& gz = b.row(0, "规章");
    REQUIRE(gz.cells.size() == 3);
    CHECK(gz.cells[0].state == CellState::number);
    CHECK(gz.cells[0].number == 22);
    CHECK(gz.cells[0].note == "其中修订16件");
    CHECK(gz.cells[1].state == CellState::dash);
    CHECK(gz.cells[2].number == 1235);
    const auto& gf = b.row(0, "规范性文件");
    CHECK(gf.cells[0].state == CellState::blank);
    CHECK(gf.cells[1].state == CellState::dash);
    CHECK(gf.cells[2].number == 3);
    // a written word where the value belongs is label text: not followed by values
    CHECK(b.row(0, "行政许可").found);
    CHECK(b.row(0, "行政许可").cells[0].state == CellState::unbound);
    CHECK(b.row(0, "行政处罚").cells[0].number == 4119);
    CHECK(b.row(0, "行政处罚").cells[0].unit == "件");
    CHECK(b.row(0, "行政强制").cells[0].number == 3.5);  // integrality is for rules to check
    CHECK(b.row(0, "收费").cells[0].number == Approx(96171.6));
    CHECK(b.row(0, "收费").cells[0].unit == "万元");
    CHECK(b.row(0, "收费").cells[0].text == "96171.6万元");
}

TEST_CASE("text cells after values, missing section", "[bind]") {
    TextBound b(
        "三、收到和处理政府信息公开申请情况\n"
        "| 一、本年新收政府信息公开申请数量 | 1 | 不详 | 0 | 0 | 0 | 0 | 1 |\n"
        "| 二、上年结转政府信息公开申请数量 | 1 | 2 | 3 |\n");
    const auto& r = b.row(1, "新收");
    CHECK(r.cells[1].state == CellState::text);
    CHECK(r.cells[1].text == "不详");
    CHECK(r.problem.empty());
    const auto& r2 = b.row(1, "结转");
    CHECK(r2.found);
    CHECK(std::all_of(r2.cells.begin(), r2.cells.end(), [](const BoundCell& c) { return c.state == CellState::unbound; }));
    CHECK(r2.problem == "只找到3个值（1、2、3），应有7个");
    CHECK_FALSE(b.tables[0].found);
    CHECK(b.tables[0].reason == "未找到章节“主动公开政府信息情况”");
}
