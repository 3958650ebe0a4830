// Evaluation: facts, dispatch, checks, places, messages, "not assessable".
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/builtin_rules.hpp"
#include "pipeline/pipeline.hpp"
#include "grammar/compile.hpp"

using namespace nianbao;

namespace {

struct Lib {
    rules::CompileResult result;
    explicit Lib(std::vector<std::string> texts) {
        std::vector<std::shared_ptr<const SourceText>> files;
        int i = 0;
        for (auto& t : texts) files.push_back(std::make_shared<const SourceText>("t" + std::to_string(i++) + ".rules", t));
        result = rules::compile_rules(files);
        INFO(rules::format_diagnostics(result.diagnostics));
        REQUIRE(result.ok());
    }
    ReportResult check(const std::string& report) const {
        Pipeline c(*result.library);
        return c.check_source(std::make_shared<const SourceText>("r.txt", report));
    }
};

const Finding* find(const ReportResult& r, const std::string& rule) {
    for (const auto& f : r.findings)
        if (f.rule == rule) return &f;
    return nullptr;
}

std::size_t count(const ReportResult& r, const std::string& rule) {
    return static_cast<std::size_t>(
        std::count_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.rule == rule; }));
}

const char* kBase = R"(
ruleset base "base" { applies always source "s" }
fact title "标题" = first(/(?<t>.{0,30}年度报告)/, head(5)).t
fact year "报告年度" = first(/{year:y}年/, title).y
fact signed "落款日期" = last(/^{date:d}$/, document).d
rule Y-1 error "no year" {
  source "test source"
  require exists(year)
  message "no year"
}
)";

}  // namespace

TEST_CASE("facts are read from the report and a failing check points at its operand", "[eval]") {
    Lib lib({kBase, R"(
ruleset late "late" { extends base applies when year >= 2021 source "s" }
rule L-1 error "late" {
  source "条例第四十九条"
  when exists(signed)
  let deadline = date(year + 1, 1, 31)
  require signed <= deadline
  message "{year}年度报告应于{deadline}前公布，落款{signed}"
}
)"});
    auto r = lib.check("某局2023年政府信息公开工作年度报告\n\n正文。\n\n某局\n2024年2月18日\n");
    REQUIRE(r.formats == std::vector<std::string>{"late"});
    CHECK(r.fact("year") == "2023");
    const Finding* f = find(r, "L-1");
    REQUIRE(f);
    CHECK(f->message == "2023年度报告应于2024年1月31日前公布，落款2024年2月18日");
    CHECK(f->pos.line == 6);
    CHECK(f->pos.column == 1);
    CHECK(f->source == "条例第四十九条");
    CHECK(f->severity == Severity::error);

    auto ok = lib.check("某局2023年政府信息公开工作年度报告\n某局\n2024年1月18日\n");
    CHECK_FALSE(find(ok, "L-1"));
}

TEST_CASE("dispatch picks the most specific applying rule set", "[eval]") {
    Lib lib({kBase,
             R"(ruleset new "n" { extends base applies when year >= 2021 source "s" }
rule N-1 info "n" { source "s" report message "new" })",
             R"(ruleset old "o" { extends base applies when year <= 2018 source "s" }
rule O-1 info "o" { source "s" report message "old" })"});
    auto r2023 = lib.check("2023年度报告\n");
    CHECK(r2023.formats == std::vector<std::string>{"new"});
    CHECK(find(r2023, "N-1"));
    CHECK_FALSE(find(r2023, "O-1"));
    auto r2017 = lib.check("2017年度报告\n");
    CHECK(r2017.formats == std::vector<std::string>{"old"});
    auto none = lib.check("没有年份的文字\n");
    CHECK(none.formats == std::vector<std::string>{"base"});
    CHECK(find(none, "Y-1"));
}

TEST_CASE("a check whose value is missing is not assessable, never a pass", "[eval]") {
    Lib lib({kBase, R"(
ruleset x "x" { extends base source "s" }
rule M-1 error "落款日期检查" {
  source "s"
  require signed >= date(2024, 1, 1)
  message "早"
}
)"});
    auto r = lib.check("2023年度报告\n没有落款\n");
    const Finding* f = find(r, "M-1");
    REQUIRE(f);
    CHECK(f->not_assessable);
    CHECK(f->severity == Severity::note);
    CHECK(f->message.find("未找到落款日期") != std::string::npos);
}

TEST_CASE("sections bind to headings and rules iterate over them", "[eval]") {
    Lib lib({kBase, R"(
ruleset s "s" { extends base source "s" }
section 甲 { number 1 title "总体情况" discouraged "概述" }
section 乙 { number 2 title "主动公开政府信息情况" }
section 丙 { number 3 title "其他需要报告的事项" variants "其它需要报告的事项" }
rule S-1 error "缺少" { source "s" for s in sections require s.found at title message "缺少第{s.numeral}部分“{s.title}”" }
rule S-2 warning "标题" { source "s" for s in sections when s.found require s.match == "title" at s.heading message "“{s.heading}”" }
rule S-3 error "编号" { source "s" for s in sections when s.found require s.found_number == s.number at s.marker message "{s.marker}" }
)"});
    auto r = lib.check("2023年度报告\n一、概述\n文字。\n三、其它需要报告的事项\n无。\n");
    REQUIRE(count(r, "S-1") == 1);
    CHECK(find(r, "S-1")->message == "缺少第二部分“主动公开政府信息情况”");
    CHECK(find(r, "S-1")->pos.line == 1);
    REQUIRE(count(r, "S-2") == 1);  // discouraged 概述; 其它 reads as 其他, the title itself
    CHECK(find(r, "S-2")->pos.line == 2);
    CHECK(count(r, "S-3") == 0);
}

TEST_CASE("full-width and traditional text matches simplified rules, places map back", "[eval]") {
    Lib lib({kBase, R"(
ruleset t "t" { extends base source "s" }
rule T-1 warning "x" { source "s" for m in all(/（二）主動公開/, document) report at m message "{m.text}" }
)"});
    auto r = lib.check("２０２３年度报告\n前文（二）主动公开\n");
    REQUIRE(count(r, "T-1") == 1);
    const Finding* f = find(r, "T-1");
    CHECK(f->pos.line == 2);
    CHECK(f->pos.column == 3);  // code points: 前 文 （
    CHECK(r.fact("year") == "2023");
}

TEST_CASE("expressions: coalesce, case, arithmetic, dates", "[eval]") {
    Lib lib({kBase, R"(
ruleset e "e" { extends base source "s" }
fact a = first(/不存在的内容/, document).text ?? "默认"
fact k = case when year >= 2021 then "新" when year >= 2019 then "试行" else "旧" end
rule E-1 info "x" { source "s" require a != "默认" message "{a}" }
rule E-2 info "x" { source "s" require k != "新" message "{k}" }
rule E-3 info "x" { source "s" require date(2024, 1, 31) - date(2024, 1, 1) != 30 message "30" }
rule E-4 info "x" { source "s" require date(2024, 2, 28) + 1 != date(2024, 2, 29) message "leap" }
rule E-5 info "x" { source "s" require 3 * 4 - 2 / 2 != 11 message "arith" }
)"});
    auto r = lib.check("2023年度报告\n");
    CHECK(find(r, "E-1"));
    CHECK(find(r, "E-1")->message == "默认");
    CHECK(find(r, "E-2"));
    CHECK(find(r, "E-3"));
    CHECK(find(r, "E-4"));
    CHECK(find(r, "E-5"));
}

TEST_CASE("the built-in rule sets compile without diagnostics", "[eval][rules]") {
    std::vector<std::shared_ptr<const SourceText>> files;
    for (const auto& f : builtin_rule_files())
        files.push_back(std::make_shared<const SourceText>(std::string(f.name), std::string(f.text)));
    REQUIRE(files.size() >= 4);
    auto r = rules::compile_rules(files);
    INFO(rules::format_diagnostics(r.diagnostics));
    CHECK(r.ok());
    CHECK(r.diagnostics.empty());
}

TEST_CASE("checking is thread-safe: concurrent checks give identical results", "[eval][threads]") {
    std::vector<std::shared_ptr<const SourceText>> files;
    for (const auto& f : builtin_rule_files())
        files.push_back(std::make_shared<const SourceText>(std::string(f.name), std::string(f.text)));
    auto lib = rules::compile_rules(files);
    REQUIRE(lib.ok());
    Pipeline pipeline(*lib.library);
    std::string path = std::string(NIANBAO_SOURCE_DIR) + "/reports-samples/002_16652a60a82de5e5.txt";
    auto reference = pipeline.check_file(path);
    REQUIRE_FALSE(reference.error);
    std::vector<std::vector<std::string>> seen(4);
    std::vector<std::thread> ts;
    for (int t = 0; t < 4; ++t)
        ts.emplace_back([&, t] {
            for (int i = 0; i < 3; ++i) {
                auto r = pipeline.check_file(path);
                for (const auto& f : r.findings) seen[static_cast<std::size_t>(t)].push_back(f.rule + f.message);
            }
        });
    for (auto& th : ts) th.join();
    std::vector<std::string> ref;
    for (int i = 0; i < 3; ++i)
        for (const auto& f : reference.findings) ref.push_back(f.rule + f.message);
    for (const auto& s : seen) CHECK(s == ref);
}

TEST_CASE("a finding names its table cells: the one it is placed at, and the operands", "[eval][tables]") {
    Lib lib({R"(
ruleset tt "tt" { applies always source "s" }
table 表 {
  columns a "甲", b "乙", t "合计"
  row r1 "（一）第一行"
  row r2 "（二）第二行" columns a, t
}
rule AT-NONE error "at a cell the row lacks" {
  source "s"
  require 1 == 2
  at 表[r2, b]
  message "x"
}
rule NO-AT error "no at clause" {
  source "s"
  let x = 表[r1, a]
  let y = 表[r1, b]
  require x == y
  message "{x} {y}"
}
rule WHEN-BLANK error "a when clause on a blank cell" {
  source "s"
  when 表[r1, t] > 0
  require 1 == 1
  message "w"
}
)"});
    auto r = lib.check(
        "某局2023年政府信息公开工作年度报告\n\n| 项目 | 甲 | 乙 | 合计 |\n|---|---|---|---|\n"
        "| （一）第一行 | 1 | 2 |  |\n| （二）第二行 | 3 | 3 |\n");
    // `at` naming a column the row does not have: no such cell is made up
    const Finding* none = find(r, "AT-NONE");
    REQUIRE(none);
    CHECK(none->cells.empty());
    // no `at`: the cell whose place the finding took is its `at` cell, the other operand follows
    const Finding* no_at = find(r, "NO-AT");
    REQUIRE(no_at);
    REQUIRE(no_at->cells.size() == 2);
    CHECK(no_at->cells[0].at);
    CHECK(no_at->cells[0].row == "r1");
    CHECK(no_at->cells[0].column == "a");
    CHECK(no_at->cells[0].pos.line == no_at->pos.line);
    CHECK(no_at->cells[0].pos.column == no_at->pos.column);
    CHECK_FALSE(no_at->cells[1].at);
    CHECK(no_at->cells[1].column == "b");
    // not assessable in a `when`: the blank cell (placed at its row's label) is the `at` cell, without a place of its own
    const Finding* blank = find(r, "WHEN-BLANK");
    REQUIRE(blank);
    CHECK(blank->not_assessable);
    REQUIRE(blank->cells.size() == 1);
    CHECK(blank->cells[0].at);
    CHECK(blank->cells[0].column == "t");
    CHECK(blank->cells[0].pos.line == 0);
}

TEST_CASE("max and min give the largest and smallest element with its place, missing when one is not a number",
          "[eval][tables]") {
    Lib lib({R"(
ruleset mm "mm" { applies always source "s" }
table 表 {
  columns a "甲", b "乙", c "丙"
  colgroup 全部 = a .. c
  row r1 "（一）第一行"
  row r2 "（二）第二行"
  row r3 "（三）第三行"
}
rule MAX-ROW error "max of a row" { source "s" let m = max(表[r1, 全部]) require m < 5 message "{m}" }
rule MIN-ROW error "min of a row" { source "s" let m = min(表[r1, 全部]) require m > 2 message "{m}" }
rule MAX-TIE error "the first of equal ones" { source "s" require max(表[r2, 全部]) < 7 at max(表[r2, 全部]) message "t" }
rule MIN-PASS error "min that holds" { source "s" require min(表[r2, 全部]) == 1 message "p" }
rule MAX-LIST error "a list of numbers" { source "s" let x = max([3, 11, 8]) require x - min([3, 11, 8]) < 8 message "{x}" }
rule MAX-BLANK error "a blank cell" { source "s" require max(表[r3, 全部]) < 100 message "b" }
rule MIN-TEXT error "a string" { source "s" require min([1, "x", 3]) > 0 message "x" }
rule MAX-TWO error "two that are not numbers" { source "s" require max([1, "x", "y"]) > 0 message "y" }
rule MAX-EMPTY error "an empty list" { source "s" require max(all(/不存在的内容/, document)) < 100 message "e" }
)"});
    auto r = lib.check(
        "某局2023年政府信息公开工作年度报告\n\n| 项目 | 甲 | 乙 | 丙 |\n|---|---|---|---|\n"
        "| （一）第一行 | 4 | 9 | 2 |\n| （二）第二行 | 7 | 7 | 1 |\n| （三）第三行 | 5 |  | 3 |\n");
    // the largest of 4 9 2: the finding points at the 9 (line 5, column 16), its cell
    const Finding* mx = find(r, "MAX-ROW");
    REQUIRE(mx);
    CHECK_FALSE(mx->not_assessable);
    CHECK(mx->message == "9");
    CHECK(mx->pos.line == 5);
    CHECK(mx->pos.column == 16);
    REQUIRE(mx->cells.size() == 3);
    CHECK(mx->cells[0].at);
    CHECK(mx->cells[0].column == "b");
    const Finding* mn = find(r, "MIN-ROW");
    REQUIRE(mn);
    CHECK(mn->message == "2");
    CHECK(mn->pos.line == 5);
    CHECK(mn->pos.column == 20);
    REQUIRE_FALSE(mn->cells.empty());
    CHECK(mn->cells[0].column == "c");
    // 7 7 1: `at max(…)` is the first of the two 7s, a cell
    const Finding* tie = find(r, "MAX-TIE");
    REQUIRE(tie);
    CHECK(tie->pos.line == 6);
    CHECK(tie->pos.column == 12);
    REQUIRE_FALSE(tie->cells.empty());
    CHECK(tie->cells[0].at);
    CHECK(tie->cells[0].row == "r2");
    CHECK(tie->cells[0].column == "a");
    CHECK_FALSE(find(r, "MIN-PASS"));
    // plain numbers: 11 - 3 = 8
    const Finding* list = find(r, "MAX-LIST");
    REQUIRE(list);
    CHECK(list->message == "11");
    // a blank cell among them: not assessable, naming the cell, at its row
    const Finding* blank = find(r, "MAX-BLANK");
    REQUIRE(blank);
    CHECK(blank->not_assessable);
    CHECK(blank->message == "a blank cell：无法评估（（三）第三行/乙：单元格为空）");
    CHECK(blank->pos.line == 7);
    const Finding* text = find(r, "MIN-TEXT");
    REQUIRE(text);
    CHECK(text->not_assessable);
    CHECK(text->message == "a string：无法评估（第2项“x”不是数字）");
    const Finding* two = find(r, "MAX-TWO");
    REQUIRE(two);
    CHECK(two->message == "two that are not numbers：无法评估（2项不是数字，如第2项“x”不是数字）");
    // an empty list has no largest element
    const Finding* empty = find(r, "MAX-EMPTY");
    REQUIRE(empty);
    CHECK(empty->not_assessable);
    CHECK(empty->message == "an empty list：无法评估（max()：列表为空）");
}

TEST_CASE("max and min take exactly one argument", "[eval]") {
    std::vector<std::shared_ptr<const SourceText>> files{std::make_shared<const SourceText>(
        "t.rules", "ruleset a \"a\" { applies always source \"s\" }\n"
                   "rule A-1 error \"x\" { source \"s\" require max([1], 2) > 0 message \"m\" }\n")};
    auto r = rules::compile_rules(files);
    CHECK_FALSE(r.ok());
    CHECK(rules::format_diagnostics(r.diagnostics).find("max") != std::string::npos);
}
