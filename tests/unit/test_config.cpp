// The supervisor's workflow: configuration (nianbao.toml), fact overrides,
// agency facts, globs, suppressions and baselines.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "pipeline/pipeline.hpp"
#include "grammar/compile.hpp"
#include "workflow/config.hpp"
#include "workflow/suppress.hpp"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

const char* kRules = R"T(ruleset t "test" {
  applies always
}
fact year "年度" = first(/{year:y}年/, document).y
fact agency "机关" = first(/^(?<a>\S+)年报/, document).a
fact kind "类别" = "department"
fact deadline "期限" = date(year + 1, 1, 31)
rule LATE-01 error "逾期" {
  source "s"
  when kind == "department"
  require deadline >= date(year + 1, 1, 20)
  message "{year}年度应于{deadline}前公布"
}
rule INFO-01 info "提示" {
  source "s"
  report
  message "提示"
}
)T";

const char* kReport = "某某局年报\n2023年政府信息公开工作年度报告\n";

rules::CompileResult compile() {
    return rules::compile_rules({std::make_shared<const SourceText>("t.rules", kRules)});
}

std::string write_temp(const std::string& name, const std::string& text) {
    fs::path dir = fs::temp_directory_path() / "nianbao-test-config";
    fs::create_directories(dir);
    fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
}

ReportResult check(const rules::RuleLibrary& lib, std::shared_ptr<const CheckOptions> opts) {
    Pipeline c(lib, std::move(opts));
    return c.check_source(std::make_shared<const SourceText>("r.txt", kReport));
}

bool has_rule(const ReportResult& r, const std::string& id) {
    for (const auto& f : r.findings)
        if (f.rule == id) return true;
    return false;
}

}  // namespace

TEST_CASE("compile_expression: an expression in a rule set's scope") {
    auto lib = compile();
    REQUIRE(lib.ok());
    const auto* rs = lib.library->find_ruleset("t");
    auto ok = rules::compile_expression(*rs, "date(year + 1, 2, 20)", "c.toml");
    CHECK(ok.ok());
    auto bad = rules::compile_expression(*rs, "date(yaer + 1, 2, 20)", "c.toml");
    REQUIRE_FALSE(bad.ok());
    REQUIRE_FALSE(bad.diagnostics.empty());
    CHECK(bad.diagnostics[0].diag.message.find("yaer") != std::string::npos);
    auto two = rules::compile_expression(*rs, "1\nrule X error \"x\" { report }", "c.toml");
    CHECK_FALSE(two.ok());
}

TEST_CASE("config: severity, disabled, fact override and agency facts change the findings") {
    auto lib = compile();
    REQUIRE(lib.ok());
    auto plain = check(*lib.library, nullptr);
    REQUIRE(has_rule(plain, "INFO-01"));
    CHECK_FALSE(has_rule(plain, "LATE-01"));
    std::vector<std::string> errors;
    auto path = write_temp("ok.toml", R"T(disabled = ["INFO-01"]
[severity]
"LATE-01" = "warning"
[facts]
deadline = "date(year + 1, 1, 15)"
)T");
    auto cfg = load_config(path, errors);
    REQUIRE(cfg);
    auto opts = make_check_options(*cfg, *lib.library, errors);
    REQUIRE(opts);
    CHECK(errors.empty());
    auto r = check(*lib.library, opts);
    CHECK_FALSE(has_rule(r, "INFO-01"));
    REQUIRE(has_rule(r, "LATE-01"));
    for (const auto& f : r.findings)
        if (f.rule == "LATE-01") {
            CHECK(f.severity == Severity::warning);
            CHECK(f.message == "2023年度应于2024年1月15日前公布");
        }
    // per-agency facts: kind is no longer "department" for this agency
    auto path2 = write_temp("agency.toml", R"T([facts]
deadline = "date(year + 1, 1, 15)"
[agencies."某某局"]
kind = "town"
)T");
    auto cfg2 = load_config(path2, errors);
    REQUIRE(cfg2);
    auto opts2 = make_check_options(*cfg2, *lib.library, errors);
    REQUIRE(opts2);
    auto r2 = check(*lib.library, opts2);
    CHECK_FALSE(has_rule(r2, "LATE-01"));
    CHECK(r2.fact("kind") == "town");
}

TEST_CASE("config: errors point at the TOML line and column") {
    auto lib = compile();
    std::vector<std::string> errors;
    CHECK_FALSE(load_config(write_temp("syntax.toml", "rules = [\"a\"\n[severity]\n"), errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("syntax.toml:2:1: error: ") != std::string::npos);

    errors.clear();
    CHECK_FALSE(load_config(write_temp("keys.toml", "rulez = []\n[files]\nexclud = []\n"), errors));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].find("keys.toml:1:1: error: unknown key 'rulez' (did you mean 'rules'?)") != std::string::npos);
    CHECK(errors[1].find("keys.toml:3:1: error: unknown key 'exclud' in [files] (did you mean 'exclude'?)") !=
          std::string::npos);

    errors.clear();
    auto cfg = load_config(write_temp("ids.toml", "disabled = [\"LATE-1\"]\n[facts]\ndeadline = \"date(yaer, 1, 1)\"\n"), errors);
    REQUIRE(cfg);
    CHECK_FALSE(make_check_options(*cfg, *lib.library, errors));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].find("ids.toml:1:13: error: unknown rule id 'LATE-1' in 'disabled' (did you mean 'LATE-01'?)") !=
          std::string::npos);
    INFO(errors[1]);
    CHECK(errors[1].find("ids.toml:3:18: error: in the fact override 'deadline'") != std::string::npos);
}

TEST_CASE("glob_match") {
    CHECK(glob_match("**/*.txt", "a/b/c.txt"));
    CHECK(glob_match("**/*.txt", "c.txt"));
    CHECK(glob_match("drafts/**", "drafts/x/y.txt"));
    CHECK_FALSE(glob_match("drafts/**", "final/x.txt"));
    CHECK(glob_match("*.txt", "报告.txt"));
    CHECK_FALSE(glob_match("*.txt", "a/b.txt"));
    CHECK(glob_match("r/00?_*.txt", "r/003_abc.txt"));
}

TEST_CASE("suppressions: suppress, expire, unused") {
    auto lib = compile();
    std::vector<std::string> errors;
    auto path = write_temp("sup.toml", R"T([[suppress]]
rule = "INFO-01"
report = "r.txt"
justification = "ok"

[[suppress]]
rule = "INFO-01"
report = "other.txt"
justification = "unused"

[[suppress]]
rule = "LATE-01"
report = "*.txt"
justification = "old"
expires = 2024-01-01
)T");
    auto sf = load_suppressions(path, errors);
    REQUIRE(sf);
    std::vector<ReportResult> results{check(*lib.library, nullptr)};
    auto own = apply_suppressions(*sf, results, "2025-03-01");
    REQUIRE(own);
    CHECK(own->tool);
    REQUIRE(own->findings.size() == 2);
    CHECK(own->findings[0].rule == "SUPPRESSION-UNUSED");
    CHECK(own->findings[0].pos.line == 6);
    CHECK(own->findings[1].rule == "SUPPRESSION-EXPIRED");
    CHECK(own->findings[1].pos.line == 11);
    bool suppressed = false;
    for (const auto& f : results[0].findings)
        if (f.rule == "INFO-01") suppressed = f.suppressed.has_value();
    CHECK(suppressed);
    hide_suppressed(results);
    CHECK(results[0].hidden_suppressed == 1);
    CHECK_FALSE(has_rule(results[0], "INFO-01"));

    errors.clear();
    CHECK_FALSE(load_suppressions(write_temp("sup-bad.toml", "[[suppress]]\nrule = \"X\"\nreport = \"r\"\nwhy = \"\"\n"), errors));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].find("sup-bad.toml:1:1: error: this [[suppress]] entry has no 'justification'") != std::string::npos);
    CHECK(errors[1].find("sup-bad.toml:4:1: error: unknown key 'why'") != std::string::npos);
}

TEST_CASE("baseline: count-aware, ignores lines") {
    ReportResult r;
    r.path = "a.txt";
    Finding f;
    f.rule = "X-01";
    f.message = "m";
    f.values = {{"v", "1"}};
    f.pos = LineCol{3, 1};
    r.findings = {f, f};
    std::vector<ReportResult> results{r};
    std::string json = render_baseline(results);
    CHECK(json.find("\"count\": 2") != std::string::npos);
    std::string path = write_temp("base.json", json);
    std::vector<std::string> errors;
    auto b = load_baseline(path, errors);
    REQUIRE(b);
    CHECK(b->total == 2);
    // now three, at other lines: one is new
    for (auto& x : r.findings) x.pos.line = 10;
    r.findings.push_back(r.findings.front());
    std::vector<ReportResult> now{r};
    apply_baseline(*b, now);
    CHECK(now[0].findings.size() == 1);
    CHECK(now[0].baselined == 2);
}
