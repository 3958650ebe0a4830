// `nianbao letters`: file names safe on every system, grouping by agency,
// collisions, and what one letter holds.
#include <catch2/catch.hpp>

#include <algorithm>

#include "grammar/compile.hpp"
#include "render/render.hpp"

using namespace nianbao;

namespace {

const char* kRules = R"(
ruleset base "base" { applies always source "s" }
rule E-1 error "错误规则" {
  source "依据 E"
  explain "为什么要检查 E。"
  good "规范的写法 <E>"
  require 1 == 1
  message "e"
}
rule W-1 warning "警告规则" {
  source "依据 W"
  require 1 == 1
  message "w"
}
)";

// A report whose text is `text`, with `agency` ("" = none) and findings
// (rule, severity, byte offset of the span, its length).
ReportResult report(const std::string& path, const std::string& agency, const std::string& text,
                    std::vector<std::tuple<std::string, Severity, std::uint32_t, std::uint32_t>> findings = {}) {
    auto src = std::make_shared<const SourceText>(path, text);
    ReportResult r;
    r.path = path;
    r.source = src;
    if (!agency.empty()) r.facts.push_back({"agency", agency});
    r.facts.push_back({"year", "2023"});
    for (const auto& [rule, sev, at, len] : findings) {
        Finding f;
        f.rule = rule;
        f.title = rule + " 标题";
        f.severity = sev;
        f.not_assessable = sev == Severity::note;
        f.message = rule + " 的消息 <b>";
        f.source = "依据 " + rule;
        f.ruleset = "base";
        f.span = {at, at + len};
        f.pos = src->locate(at);
        f.end = src->locate(at + len);
        r.findings.push_back(f);
    }
    return r;
}

std::vector<std::string> names(const std::vector<LetterFile>& files) {
    std::vector<std::string> out;
    for (const auto& f : files) out.push_back(f.name);
    return out;
}

}  // namespace

TEST_CASE("letters: file names are safe on Windows, macOS and Linux", "[render][letters]") {
    CHECK(safe_file_stem("a/b\\c:d*e?f\"g<h>i|j") == "a_b_c_d_e_f_g_h_i_j");
    CHECK(safe_file_stem("机关\t名称\n") == "机关_名称_");
    CHECK(safe_file_stem("CON") == "_CON");
    CHECK(safe_file_stem("nul.txt") == "_nul.txt");
    CHECK(safe_file_stem("Com1") == "_Com1");
    CHECK(safe_file_stem("COM0") == "COM0");
    CHECK(safe_file_stem("CONTROL") == "CONTROL");
    CHECK(safe_file_stem("名称. . ") == "名称");
    CHECK(safe_file_stem(".hidden") == "_hidden");
    CHECK(safe_file_stem("") == "_");
    CHECK(safe_file_stem("...") == "_");
    std::string long_name;
    for (int i = 0; i < 100; ++i) long_name += "局";
    CHECK(safe_file_stem(long_name) == long_name.substr(0, 66 * 3));  // 200 bytes: 66 characters of 3
    CHECK(safe_file_stem(std::string(100, 'a')) == std::string(80, 'a'));
    std::string wide;  // characters of 4 bytes: 200 bytes are 50 of them
    for (int i = 0; i < 80; ++i) wide += "\U00020000";
    CHECK(safe_file_stem(wide) == wide.substr(0, 50 * 4));
}

TEST_CASE("letters: one letter per agency, the others by file, collisions resolved in order", "[render][letters]") {
    auto lib = rules::compile_rules({std::make_shared<const SourceText>("t.rules", kRules)});
    REQUIRE(lib.ok());
    std::vector<ReportResult> results;
    results.push_back(report("b/2.txt", "A:B", "x\n"));
    results.push_back(report("a/1.txt", "A/B", "x\n"));
    results.push_back(report("c/3.txt", "abc", "x\n"));
    results.push_back(report("d/4.txt", "ABC", "x\n"));
    results.push_back(report("e/5.txt", "Index", "x\n"));
    results.push_back(report("f/6.txt", "A/B", "y\n"));
    results.push_back(report("z/x.txt", "", "x\n"));
    results.push_back(report("y/x.txt", "", "x\n"));
    ReportResult bad;
    bad.path = "m/bad:name?.pdf";
    bad.error = InputError{bad.path, "not a PDF"};
    results.push_back(bad);
    ReportResult tool;
    tool.path = "suppress.toml";
    tool.tool = true;
    results.push_back(tool);

    auto files = render_letters(results, *lib.library);
    // agencies by name (bytes: "/" before ":", capitals first), then the reports without one by path
    CHECK(names(files) == std::vector<std::string>{"A_B.html", "A_B-2.html", "ABC.html", "Index-2.html", "abc-2.html",
                                                   "bad_name_.pdf.html", "x.txt.html", "x.txt-2.html", "index.html"});
    CHECK(files[0].agency == "A/B");
    CHECK(files[0].reports == std::vector<std::string>{"a/1.txt", "f/6.txt"});
    CHECK(files[6].reports == std::vector<std::string>{"y/x.txt"});
    // the same input gives the same files
    auto again = render_letters(results, *lib.library);
    REQUIRE(again.size() == files.size());
    for (std::size_t i = 0; i < files.size(); ++i) CHECK(again[i].html == files[i].html);
    // the index links every letter (percent-encoded where a URL needs it) and says which had nothing
    const std::string& index = files.back().html;
    CHECK(index.find("href=\"A_B-2.html\"") != std::string::npos);
    CHECK(index.find("未发现问题") != std::string::npos);
    CHECK(index.find("suppress.toml") == std::string::npos);  // the tool's result is no report
    // an unreadable report's letter says so, with its reason
    CHECK(files[5].html.find("无法读取的报告") != std::string::npos);
    CHECK(files[5].html.find("not a PDF") != std::string::npos);
}

TEST_CASE("letters: errors first, not-assessable apart, each with place, quote, explanation, source, example",
          "[render][letters]") {
    auto lib = rules::compile_rules({std::make_shared<const SourceText>("t.rules", kRules)});
    REQUIRE(lib.ok());
    // line 2 holds the warning's span, line 3 the error's
    const std::string text = "标题\n第二行 <警告> 在此\n第三行 错误 & 在此\n";
    auto r = report("报告/甲.txt", "某局", text,
                    {{"W-1", Severity::warning, static_cast<std::uint32_t>(text.find("<警告>")), 8},
                     {"E-1", Severity::error, static_cast<std::uint32_t>(text.find("错误")), 6},
                     {"W-1", Severity::note, 0, 0}});
    auto files = render_letters({r}, *lib.library);
    REQUIRE(files.size() == 2);
    const std::string& html = files[0].html;
    CHECK(files[0].name == "某局.html");
    CHECK(html.find("@page { size: A4;") != std::string::npos);
    CHECK(html.find("break-inside: avoid") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find(" src=") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(html.find("关于政府信息公开工作年度报告问题的整改通知") != std::string::npos);
    // the error before the warning, the not-assessable item after both, in its own section
    const auto e = html.find("data-rule=\"E-1\""), w = html.find("data-rule=\"W-1\""), na = html.find("无法评估的项目");
    REQUIRE(e != std::string::npos);
    CHECK(e < w);
    CHECK(w < na);
    CHECK(html.find("data-rule=\"W-1\"", na) != std::string::npos);
    // place, the quoted text with the span marked (escaped), explanation, source, example
    CHECK(html.find("<span class=\"place\">3:5</span>") != std::string::npos);
    CHECK(html.find("第二行 <mark>&lt;警告&gt;</mark> 在此") != std::string::npos);
    CHECK(html.find("第三行 <mark>错误</mark> &amp; 在此") != std::string::npos);
    CHECK(html.find("<dd>为什么要检查 E。</dd>") != std::string::npos);
    CHECK(html.find("<dd>依据 E-1</dd>") != std::string::npos);
    CHECK(html.find("规范的写法 &lt;E&gt;") != std::string::npos);
    CHECK(html.find("E-1 的消息 &lt;b&gt;") != std::string::npos);
    CHECK(html.find("共发现问题 2 项（错误 1 项、警告 1 项、提示 0 项）；另有 1 项无法评估") != std::string::npos);

    // an agency without findings gets a short letter saying so
    auto clean = render_letters({report("乙.txt", "乙局", "文本\n")}, *lib.library);
    CHECK(clean[0].html.find("检查结果的通知") != std::string::npos);
    CHECK(clean[0].html.find("未发现问题。") != std::string::npos);
    CHECK(clean[0].html.find("整改要求") == std::string::npos);
}
