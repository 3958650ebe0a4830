// Output formats: SARIF, CSV, HTML, JUnit (and the helpers they share).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "grammar/compile.hpp"
#include "render/render.hpp"

using namespace nianbao;
using json = nlohmann::json;

namespace {

const char* kRules = R"(
ruleset base "base" { applies always source "s" }
rule E-1 error "错误规则" {
  source "《条例》第五十条"
  explain "解释：为什么要检查。"
  good "好的例子"
  bad "坏的例子"
  require 1 == 1
  message "e"
}
rule W-1 warning "警告规则" {
  source "依据 W"
  require 1 == 1
  message "w"
}
rule I-1 info "提示规则" {
  source "依据 I"
  require 1 == 1
  message "i"
}
)";

struct Lib {
    rules::CompileResult result;
    Lib() {
        result = rules::compile_rules({std::make_shared<const SourceText>("t.rules", kRules)});
        INFO(rules::format_diagnostics(result.diagnostics));
        REQUIRE(result.ok());
    }
    const rules::RuleLibrary& lib() const { return *result.library; }
};

// The report text; findings point into it.
const char* kReport =
    "某某局2023年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "（2） 本年度<b>建议</b>办理情况。\n"
    "=SUM(A1) 数据, \"引号\"\n";

Finding make(const SourceText& src, const std::string& rule, Severity sev, std::uint32_t line, std::uint32_t col_from,
             std::uint32_t col_to, std::string message) {
    Finding f;
    f.rule = rule;
    f.title = rule + " title";
    f.severity = sev;
    f.message = std::move(message);
    f.source = "依据 " + rule;
    f.ruleset = "base";
    Span ls = src.line_span(line);
    // columns are code points; walk the line to find byte offsets
    std::string_view text = src.line_text(line);
    std::uint32_t b = 0, col = 1, begin = 0, end = static_cast<std::uint32_t>(text.size());
    while (b <= text.size()) {
        if (col == col_from) begin = b;
        if (col == col_to) {
            end = b;
            break;
        }
        if (b == text.size()) break;
        unsigned char c = static_cast<unsigned char>(text[b]);
        b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        ++col;
    }
    f.span = {ls.begin + begin, ls.begin + end};
    f.pos = src.locate(f.span.begin);
    f.end = src.locate(f.span.end);
    return f;
}

std::vector<ReportResult> sample() {
    auto src = std::make_shared<const SourceText>("报告/甲 乙.txt", kReport);
    ReportResult r;
    r.path = "报告/甲 乙.txt";
    r.source = src;
    r.formats = {"base"};
    r.rulesets = {"base"};
    r.facts = {{"agency", "某某局"}, {"year", "2023"}};
    Finding w = make(*src, "W-1", Severity::warning, 3, 1, 4, "编号“（2）”<不一致> & 应为“（二）”");
    w.values = {{"n", "（2）"}, {"x", "a,b \"c\""}};
    r.findings.push_back(w);
    r.findings.push_back(make(*src, "E-1", Severity::error, 4, 1, 9, "=SUM(A1) 开头的消息, 带逗号"));
    Finding na = make(*src, "I-1", Severity::note, 1, 1, 1, "无法评估（未找到落款日期）");
    na.not_assessable = true;
    r.findings.push_back(na);
    r.findings.push_back(make(*src, "I-1", Severity::info, 2, 1, 7, "提示：\n第二行"));
    ReportResult bad;
    bad.path = "坏.txt";
    bad.error = InputError{"坏.txt", "not valid UTF-8 or GB18030 (first bad byte at offset 3)"};
    return {r, bad};
}

// RFC 4180: fields separated by commas, records by CRLF; quoted fields may
// hold commas, CR, LF and doubled quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& s, bool& ok) {
    ok = true;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == '"') {
            ++i;
            for (;;) {
                if (i >= s.size()) {
                    ok = false;
                    return rows;
                }
                if (s[i] == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') {
                        cell += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                cell += s[i++];
            }
        } else {
            while (i < s.size() && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
                if (s[i] == '"') ok = false;  // a quote inside an unquoted field
                cell += s[i++];
            }
        }
        if (i < s.size() && s[i] == ',') {
            row.push_back(std::move(cell));
            cell.clear();
            ++i;
        } else if (i + 1 < s.size() && s[i] == '\r' && s[i + 1] == '\n') {
            row.push_back(std::move(cell));
            cell.clear();
            rows.push_back(std::move(row));
            row.clear();
            i += 2;
        } else if (i < s.size()) {
            ok = false;  // bare CR or LF outside quotes, or junk after a closing quote
            return rows;
        }
    }
    if (!cell.empty() || !row.empty()) ok = false;  // the last record must end with CRLF
    return rows;
}

}  // namespace

TEST_CASE("SARIF: rules with their metadata, levels from severities", "[render][sarif]") {
    Lib lib;
    json doc = json::parse(render_sarif(sample(), lib.lib()));
    CHECK(doc["version"] == "2.1.0");
    CHECK(doc["$schema"].get<std::string>().find("sarif-schema-2.1.0.json") != std::string::npos);
    REQUIRE(doc["runs"].size() == 1);
    const json& run = doc["runs"][0];
    CHECK(run["columnKind"] == "unicodeCodePoints");
    const json& rules = run["tool"]["driver"]["rules"];
    REQUIRE(rules.size() == 3);
    CHECK(rules[0]["id"] == "E-1");  // sorted by id
    CHECK(rules[0]["name"] == "错误规则");
    CHECK(rules[0]["name"] != rules[0]["id"]);
    CHECK(rules[0]["shortDescription"]["text"] == "错误规则");
    CHECK(rules[0]["fullDescription"]["text"] == "解释：为什么要检查。");
    std::string help = rules[0]["help"]["text"];
    CHECK(help.find("《条例》第五十条") != std::string::npos);
    CHECK(help.find("好的例子") != std::string::npos);
    CHECK(help.find("坏的例子") != std::string::npos);
    CHECK(rules[0]["defaultConfiguration"]["level"] == "error");
    CHECK(rules[1]["id"] == "I-1");
    CHECK(rules[1]["defaultConfiguration"]["level"] == "note");
    CHECK(rules[1]["fullDescription"]["text"] == "提示规则");  // no explain: the title
    CHECK(rules[2]["defaultConfiguration"]["level"] == "warning");
}

TEST_CASE("SARIF: results point at regions with code-point columns and snippets", "[render][sarif]") {
    Lib lib;
    json doc = json::parse(render_sarif(sample(), lib.lib()));
    const json& run = doc["runs"][0];
    const json& results = run["results"];
    REQUIRE(results.size() == 4);
    for (const auto& r : results) {
        CHECK(run["tool"]["driver"]["rules"][r["ruleIndex"].get<std::size_t>()]["id"] == r["ruleId"]);
    }
    const json& w = results[0];
    CHECK(w["ruleId"] == "W-1");
    CHECK(w["level"] == "warning");
    CHECK(w["kind"] == "fail");
    CHECK(w["message"]["text"] == "编号“（2）”<不一致> & 应为“（二）”");
    const json& loc = w["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uri"] == "%E6%8A%A5%E5%91%8A/%E7%94%B2%20%E4%B9%99.txt");
    CHECK(loc["artifactLocation"]["index"] == 0);
    CHECK(loc["region"]["startLine"] == 3);
    CHECK(loc["region"]["startColumn"] == 1);
    CHECK(loc["region"]["endLine"] == 3);
    CHECK(loc["region"]["endColumn"] == 4);
    CHECK(loc["region"]["snippet"]["text"] == "（2）");
    CHECK(loc["contextRegion"]["snippet"]["text"] == "（2） 本年度<b>建议</b>办理情况。");
    CHECK(w["properties"]["values"]["n"] == "（2）");
    CHECK(results[1]["level"] == "error");
    CHECK(results[3]["level"] == "note");  // info -> note
    CHECK(run["artifacts"][0]["encoding"] == "UTF-8");
    CHECK(run["artifacts"][0]["properties"]["agency"] == "某某局");
}

TEST_CASE("SARIF: not assessable is kind open with level none; unreadable reports are notifications",
          "[render][sarif]") {
    Lib lib;
    json doc = json::parse(render_sarif(sample(), lib.lib()));
    const json& run = doc["runs"][0];
    const json& na = run["results"][2];
    CHECK(na["ruleId"] == "I-1");
    CHECK(na["kind"] == "open");
    CHECK(na["level"] == "none");
    const json& inv = run["invocations"][0];
    CHECK(inv["executionSuccessful"] == false);
    REQUIRE(inv["toolExecutionNotifications"].size() == 1);
    CHECK(inv["toolExecutionNotifications"][0]["level"] == "error");
    CHECK(inv["toolExecutionNotifications"][0]["message"]["text"].get<std::string>().find("offset 3") !=
          std::string::npos);
    CHECK(run["artifacts"].size() == 2);
    CHECK(run["properties"]["summary"]["unreadable"] == 1);
    CHECK(run["properties"]["summary"]["notAssessable"] == 1);
}

TEST_CASE("SARIF: fingerprints do not change when lines move, and tell duplicates apart", "[render][sarif]") {
    auto src = std::make_shared<const SourceText>("a.txt", kReport);
    Finding a = make(*src, "W-1", Severity::warning, 3, 1, 4, "m");
    a.values = {{"n", "1"}};
    Finding moved = make(*src, "W-1", Severity::warning, 4, 2, 5, "m");
    moved.values = a.values;
    CHECK(finding_fingerprint("a.txt", a, 0) == finding_fingerprint("a.txt", moved, 0));
    Finding other = a;
    other.values = {{"n", "2"}};
    CHECK(finding_fingerprint("a.txt", a, 0) != finding_fingerprint("a.txt", other, 0));
    CHECK(finding_fingerprint("a.txt", a, 0) != finding_fingerprint("b.txt", a, 0));
    CHECK(finding_fingerprint("a.txt", a, 0) != finding_fingerprint("a.txt", a, 1));

    Lib lib;
    ReportResult r;
    r.path = "a.txt";
    r.source = src;
    r.findings = {a, a};
    json doc = json::parse(render_sarif({r}, lib.lib()));
    auto fp = [&](int i) {
        return doc["runs"][0]["results"][i]["partialFingerprints"]["nianbao/v1"].get<std::string>();
    };
    CHECK(fp(0) != fp(1));
    CHECK(fp(0).substr(0, 16) == fp(1).substr(0, 16));
    CHECK(fp(0).substr(16) == ":1");
    CHECK(fp(1).substr(16) == ":2");
    // the run is deterministic: no timestamps or other volatile data
    CHECK(render_sarif({r}, lib.lib()) == render_sarif({r}, lib.lib()));
}

TEST_CASE("CSV: BOM, CRLF, RFC 4180 quoting; round-trips with Chinese intact", "[render][csv]") {
    std::string out = render_csv(sample());
    REQUIRE(out.rfind("\xEF\xBB\xBF", 0) == 0);
    bool ok = false;
    auto rows = parse_csv(out.substr(3), ok);
    REQUIRE(ok);
    REQUIRE(rows.size() == 6);  // header, 4 findings, 1 unreadable report
    CHECK(rows[0] == std::vector<std::string>{"file", "agency", "year", "rule", "severity", "line", "column",
                                              "message", "values", "source"});
    for (const auto& row : rows) CHECK(row.size() == 10);
    CHECK(rows[1][0] == "报告/甲 乙.txt");
    CHECK(rows[1][1] == "某某局");
    CHECK(rows[1][2] == "2023");
    CHECK(rows[1][3] == "W-1");
    CHECK(rows[1][4] == "warning");
    CHECK(rows[1][5] == "3");
    CHECK(rows[1][6] == "1");
    CHECK(rows[1][7] == "编号“（2）”<不一致> & 应为“（二）”");
    CHECK(json::parse(rows[1][8]) == json{{"n", "（2）"}, {"x", "a,b \"c\""}});
    CHECK(rows[1][9] == "依据 W-1");
    CHECK(rows[2][7] == "'=SUM(A1) 开头的消息, 带逗号");  // not a formula for spreadsheets
    CHECK(rows[3][4] == "note");
    CHECK(rows[4][7] == "提示：\n第二行");
    CHECK(rows[5] == std::vector<std::string>{"坏.txt", "", "", "", "error", "", "", 
                                              "not valid UTF-8 or GB18030 (first bad byte at offset 3)", "", ""});
    // every record ends with CRLF, and there is no bare LF outside the one quoted cell
    CHECK(out.substr(out.size() - 2) == "\r\n");
    CHECK(csv_cell("plain") == "plain");
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
}

TEST_CASE("HTML: one self-contained page, every finding under its line, everything escaped", "[render][html]") {
    Lib lib;
    std::string html = render_html(sample(), &lib.lib());
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    // nothing loaded from elsewhere
    CHECK(html.find(" src=") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("href=\"http") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    // escaped: the report's own markup and the message's angle brackets
    CHECK(html.find("<b>建议</b>") == std::string::npos);
    CHECK(html.find("&lt;b&gt;建议&lt;/b&gt;") != std::string::npos);
    CHECK(html.find("&lt;不一致&gt; &amp; 应为") != std::string::npos);
    CHECK(html.find("&quot;引号&quot;") != std::string::npos);
    // line 3 of report 1 holds the W-1 note, and the span is marked
    auto line = html.find("id=\"r1-L3\"");
    REQUIRE(line != std::string::npos);
    auto next = html.find("id=\"r1-L4\"", line);
    REQUIRE(next != std::string::npos);
    std::string block = html.substr(line, next - line);
    CHECK(block.find("data-rule=\"W-1\"") != std::string::npos);
    CHECK(block.find("<mark class=\"sev-warning\">（2）</mark>") != std::string::npos);
    CHECK(block.find("依据：依据 W-1") != std::string::npos);
    // the findings list links to the lines
    CHECK(html.find("href=\"#r1-L3\"") != std::string::npos);
    // the unreadable report is shown with its reason
    CHECK(html.find("id=\"r2\"") != std::string::npos);
    CHECK(html.find("first bad byte at offset 3") != std::string::npos);
    // a summary chart, inline SVG
    CHECK(html.find("<svg class=\"chart\"") != std::string::npos);
    CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("HTML: tables as bound, the failing cell and the rule's operands marked, a table not read said so",
          "[render][html][tables]") {
    Lib lib;
    auto results = sample();
    ReportResult& r = results.front();
    auto cell = [](std::string column, std::string state, std::string value, std::uint32_t line) {
        ExtractedCell c;
        c.column = column;
        c.column_label = column == "x" ? "列X" : "列Y";
        c.state = std::move(state);
        c.value = std::move(value);
        c.pos = line ? LineCol{line, 3} : LineCol{};
        return c;
    };
    ExtractedTable t;
    t.name = "表甲";
    t.title = "二、某某表";
    t.found = true;
    ExtractedRow a{"甲行", "（一）甲行", true, "label", "", LineCol{2, 1}, {cell("x", "number", "3", 2), cell("y", "blank", "", 0)}};
    ExtractedRow b{"乙行", "（二）乙行", true, "label", "", LineCol{3, 1}, {cell("x", "number", "5", 3), cell("y", "unbound", "", 0)}};
    ExtractedRow c{"丙行", "（三）丙行", false, "", "未找到该行", LineCol{}, {cell("x", "unbound", "", 0)}};
    t.rows = {a, b, c};
    ExtractedTable quiet = t;
    quiet.name = "表丙";
    ExtractedTable missing;
    missing.name = "表乙";
    missing.found = false;
    missing.reason = "未找到表格起始文字“某某表”";
    r.tables = {t, quiet, missing};
    // E-1 (the second finding) is placed at 甲行/y and read 甲行/x and 乙行/x
    r.findings[1].cells = {{"表甲", "甲行", "y", true, {}}, {"表甲", "甲行", "x", false, {2, 3}},
                           {"表甲", "乙行", "x", false, {3, 3}}};
    std::string html = render_html(results, &lib.lib());

    auto block_of = [&](const std::string& id) {
        auto s = html.find("id=\"" + id + "\"");
        REQUIRE(s != std::string::npos);
        return html.substr(s, html.find("</details>", s) - s);
    };
    std::string t1 = block_of("r1-t1");
    CHECK(t1.find("data-table=\"表甲\" open><summary>二、某某表") != std::string::npos);
    CHECK(t1.find("<th data-column=\"x\">列X</th><th data-column=\"y\">列Y</th>") != std::string::npos);
    // the failing blank cell: marked, numbered, linked to the finding under the table
    CHECK(t1.find("<td class=\"state-blank fail sev-error\" data-column=\"y\"") != std::string::npos);
    CHECK(t1.find("<sup><a href=\"#r1-t1-f2\">2</a></sup>") != std::string::npos);
    // the operands, each linked to its line
    CHECK(t1.find("<td class=\"state-number operand sev-error\" data-column=\"x\" title=\"（一）甲行 / 列X · 第 2 行 "
                  "line 2:3\"><a href=\"#r1-L2\">3</a></td>") != std::string::npos);
    CHECK(t1.find("<td class=\"state-number operand sev-error\" data-column=\"x\" title=\"（二）乙行 / 列X · 第 3 行 "
                  "line 3:3\"><a href=\"#r1-L3\">5</a></td>") != std::string::npos);
    // unread: ?, never 0; a row not found says so; a column the row lacks is empty
    CHECK(t1.find("<td class=\"state-unbound\" data-column=\"y\" title=\"（二）乙行 / 列Y · 未读到 not read\">?</td>") !=
          std::string::npos);
    CHECK(t1.find("<tr data-row=\"丙行\" class=\"missing-row\"><th class=\"rowlabel\" title=\"未找到该行\">（三）丙行 "
                  "<span class=\"table-state\">（未找到 not found）</span></th>") != std::string::npos);
    CHECK(t1.find("<td class=\"na\"></td>") != std::string::npos);
    // under the table: the finding with its message and the identity (the rule's explanation)
    CHECK(t1.find("<li class=\"sev-error\" id=\"r1-t1-f2\" value=\"2\" data-rule=\"E-1\">") != std::string::npos);
    CHECK(t1.find("=SUM(A1) 开头的消息, 带逗号") != std::string::npos);
    CHECK(t1.find("<div class=\"identity\">规则 rule: 解释：为什么要检查。</div>") != std::string::npos);
    // a table without findings is closed; one not read is open and says why, with no grid of zeros
    std::string t2 = block_of("r1-t2");
    CHECK(t2.find("data-table=\"表丙\"><summary>") != std::string::npos);
    CHECK(t2.find("fail") == std::string::npos);
    std::string t3 = block_of("r1-t3");
    CHECK(t3.find("data-table=\"表乙\" open>") != std::string::npos);
    CHECK(t3.find("未能读取此表（未找到表格起始文字“某某表”）：表内勾稽关系无法核对，不是“全部通过”") != std::string::npos);
    CHECK(t3.find("<table") == std::string::npos);
}

TEST_CASE("SARIF and JSON: a table finding's operand cells are related locations", "[render][sarif][json][tables]") {
    Lib lib;
    auto results = sample();
    results.front().findings[1].cells = {{"表甲", "甲行", "y", true, {4, 2}},
                                         {"表甲", "甲行", "x", false, {2, 3}},
                                         {"表甲", "乙行", "x", false, {}},  // blank: no place of its own
                                         {"表甲", "丙行", "", false, {3, 1}}};
    json doc = json::parse(render_sarif(results, lib.lib()));
    const json& e = doc["runs"][0]["results"][1];
    REQUIRE(e["ruleId"] == "E-1");
    REQUIRE(e["relatedLocations"].size() == 2);
    CHECK(e["relatedLocations"][0]["id"] == 0);
    CHECK(e["relatedLocations"][0]["message"]["text"] == "表甲[甲行, x]");
    CHECK(e["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 2);
    CHECK(e["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 3);
    CHECK(e["relatedLocations"][1]["message"]["text"] == "表甲[丙行]");
    CHECK_FALSE(doc["runs"][0]["results"][0].contains("relatedLocations"));

    json j = json::parse(render_json(results));
    const json& cells = j["reports"][0]["findings"][1]["cells"];
    REQUIRE(cells.size() == 4);
    CHECK(cells[0] == json{{"table", "表甲"}, {"row", "甲行"}, {"column", "y"}, {"role", "at"}, {"line", 4}, {"col", 2}});
    CHECK(cells[2] == json{{"table", "表甲"}, {"row", "乙行"}, {"column", "x"}, {"role", "operand"}});
    CHECK(cells[3]["column"].is_null());
    CHECK_FALSE(j["reports"][0]["findings"][0].contains("cells"));
}

namespace {

// The JUnit output parsed (REQUIREd to be well-formed).
struct JUnitDoc {
    pugi::xml_document doc;
    explicit JUnitDoc(const std::string& xml) {
        const auto pr = doc.load_buffer(xml.data(), xml.size());
        INFO(xml);
        REQUIRE(pr);
    }
    pugi::xml_node root() const { return doc.child("testsuites"); }
};

int count_attr(const pugi::xml_node& n, const char* name) { return n.attribute(name).as_int(-1); }

}  // namespace

TEST_CASE("JUnit: a suite per report, a testcase per rule or finding, counts that add up", "[render][junit]") {
    Lib lib;
    auto results = sample();
    const std::string xml = render_junit(results, lib.lib());
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"nianbao\" ", 0) == 0);
    JUnitDoc j(xml);
    pugi::xml_node root = j.root();
    // report 1: E-1 (error), I-1 (not assessable, info), W-1 (warning): 4 findings, every rule has some
    CHECK(count_attr(root, "tests") == 5);
    CHECK(count_attr(root, "failures") == 3);
    CHECK(count_attr(root, "errors") == 1);
    CHECK(count_attr(root, "skipped") == 1);
    pugi::xml_node s1 = root.child("testsuite");
    CHECK(std::string(s1.attribute("name").value()) == "报告/甲 乙.txt");
    CHECK(count_attr(s1, "tests") == 4);
    CHECK(std::string(s1.child("properties").find_child_by_attribute("property", "name", "agency").attribute("value").value()) ==
          "某某局");
    std::vector<std::string> names, kinds;
    for (auto tc : s1.children("testcase")) {
        CHECK(std::string(tc.attribute("classname").value()) == "报告/甲 乙.txt");
        names.emplace_back(tc.attribute("name").value());
        kinds.emplace_back(tc.first_child().name());
    }
    // sorted by rule id, findings in the report's order
    CHECK(names == std::vector<std::string>{"E-1 E-1 title @ 4:1", "I-1 I-1 title @ 1:1", "I-1 I-1 title @ 2:1",
                                            "W-1 W-1 title @ 3:1"});
    CHECK(kinds == std::vector<std::string>{"failure", "skipped", "failure", "failure"});
    pugi::xml_node w = s1.find_child_by_attribute("testcase", "name", "W-1 W-1 title @ 3:1").child("failure");
    CHECK(std::string(w.attribute("type").value()) == "warning");
    // markup in a message survives the round trip, and the text is the text output's
    CHECK(std::string(w.attribute("message").value()) == "编号“（2）”<不一致> & 应为“（二）”");
    CHECK(std::string(w.text().get()).rfind("报告/甲 乙.txt:3:1: warning: 编号“（2）”<不一致> & 应为“（二）” [W-1]\n", 0) == 0);
    CHECK(std::string(w.text().get()).find("= 依据：依据 W-1") != std::string::npos);
    pugi::xml_node info = s1.find_child_by_attribute("testcase", "name", "I-1 I-1 title @ 2:1").child("failure");
    CHECK(std::string(info.attribute("message").value()) == "提示：\n第二行");  // LF kept as &#10;
    CHECK(xml.find("message=\"提示：&#10;第二行\"") != std::string::npos);
    CHECK(std::string(s1.find_child_by_attribute("testcase", "name", "I-1 I-1 title @ 1:1")
                          .child("skipped")
                          .attribute("message")
                          .value())
              .rfind("not assessable: ", 0) == 0);

    // the unreadable report: one testcase with an error
    pugi::xml_node s2 = s1.next_sibling("testsuite");
    CHECK(std::string(s2.attribute("name").value()) == "坏.txt");
    CHECK(count_attr(s2, "tests") == 1);
    CHECK(count_attr(s2, "errors") == 1);
    pugi::xml_node err = s2.child("testcase").child("error");
    REQUIRE(err);
    CHECK(std::string(err.attribute("type").value()) == "InputError");
    CHECK(std::string(err.attribute("message").value()) == "not valid UTF-8 or GB18030 (first bad byte at offset 3)");
}

TEST_CASE("JUnit: passing rules are testcases, disabled rules are not, suppressed findings are skipped",
          "[render][junit]") {
    Lib lib;
    auto results = sample();
    results.resize(1);
    results[0].findings.erase(results[0].findings.begin(), results[0].findings.begin() + 2);  // drop W-1, E-1
    results[0].findings[0].suppressed = FindingSuppression{"已核实", "s.toml", 3};
    results[0].baselined = 2;
    CheckOptions options;
    options.disabled = {"W-1"};
    JUnitDoc j(render_junit(results, lib.lib(), &options));
    pugi::xml_node s = j.root().child("testsuite");
    CHECK(s.child("properties").find_child_by_attribute("property", "name", "baselined").attribute("value").as_int() == 2);
    CHECK(count_attr(s, "tests") == 3);  // E-1 passed, I-1's two findings; W-1 did not run
    CHECK(count_attr(s, "failures") == 1);
    CHECK(count_attr(s, "skipped") == 1);
    pugi::xml_node e = s.find_child_by_attribute("testcase", "name", "E-1 错误规则");
    REQUIRE(e);
    CHECK_FALSE(e.first_child());
    CHECK_FALSE(s.find_child_by_attribute("testcase", "name", "W-1 警告规则"));
    CHECK(std::string(s.find_child_by_attribute("testcase", "name", "I-1 I-1 title @ 1:1")
                          .child("skipped")
                          .attribute("message")
                          .value())
              .rfind("suppressed (已核实): ", 0) == 0);
}

TEST_CASE("JUnit: XML 1.0 escaping of markup, control characters and bytes that are not UTF-8", "[render][junit]") {
    CHECK(xml_escape("a<b>&\"c\" 'd'", true) == "a&lt;b&gt;&amp;&quot;c&quot; 'd'");
    CHECK(xml_escape("a<b>&\"c\"", false) == "a&lt;b&gt;&amp;\"c\"");
    CHECK(xml_escape("]]>", false) == "]]&gt;");
    CHECK(xml_escape("t\tn\nr\r", true) == "t&#9;n&#10;r&#13;");
    CHECK(xml_escape("t\tn\nr\r", false) == "t\tn\nr&#13;");
    // C0 controls XML 1.0 cannot hold, U+FFFE/U+FFFF and bad bytes become U+FFFD; real U+FFFD stays
    CHECK(xml_escape(std::string("a\x01" "b\x0b" "c\x1f" "d\0e", 9), false) == "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
    CHECK(xml_escape("x\xEF\xBF\xBEy\xEF\xBF\xBFz", true) == "x\uFFFDy\uFFFDz");
    CHECK(xml_escape("\xff\xfe 报告 \xe6\x8a", false) == "\uFFFD\uFFFD 报告 \uFFFD\uFFFD");
    CHECK(xml_escape("\xEF\xBF\xBD 中文 ok", false) == "\xEF\xBF\xBD 中文 ok");

    // a whole document with such text still parses, and the text comes back
    Lib lib;
    auto results = sample();
    results.resize(1);
    results[0].path = "坏\x01名\xff.txt";
    results[0].findings[0].message = "控制\x02字符\x1b[31m";
    const std::string xml = render_junit(results, lib.lib());
    JUnitDoc j(xml);
    pugi::xml_node s = j.root().child("testsuite");
    CHECK(std::string(s.attribute("name").value()) == "坏\uFFFD名\uFFFD.txt");
    pugi::xml_node f = s.find_child_by_attribute("testcase", "name", "W-1 W-1 title @ 3:1").child("failure");
    CHECK(std::string(f.attribute("message").value()) == "控制\uFFFD字符\uFFFD[31m");
}
