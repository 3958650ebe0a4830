// The rule-language compiler: AST shape, positions, patterns, inheritance,
// and the error catalogue (data-driven: tests/data/grammar/*.success.rules
// must compile without any diagnostic; each *.failure.rules lists the
// diagnostics it must produce, exactly, as "# expect: CODE LINE:COL" lines;
// "# with: FILE" loads another file of the directory first).
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "helpers.hpp"
#include "grammar/compile.hpp"
#include "grammar/errors.hpp"

using namespace nianbao;
using namespace nianbao::rules;

namespace {

using test::slurp;
std::string read_file(const std::filesystem::path& p) { return slurp(p); }

std::shared_ptr<const SourceText> src(std::string path, std::string text) {
    return std::make_shared<SourceText>(std::move(path), std::move(text));
}

CompileResult compile1(const std::string& text, const std::string& path = "t.rules") {
    return compile_rules({src(path, text)});
}

std::string codes(const CompileResult& r) {
    std::string s;
    for (const auto& d : r.diagnostics) s += d.diag.code + " " + std::to_string(d.diag.pos.line) + ":" +
                                            std::to_string(d.diag.pos.column) + " " + d.diag.message + "\n";
    return s;
}

// (op a b) rendering of an expression.
std::string sexpr(const Expr& e) {
    switch (e.kind) {
        case ExprKind::number:
        case ExprKind::ident: return e.text;
        case ExprKind::string: return "\"" + e.text + "\"";
        case ExprKind::regex: return "/" + e.regex->source + "/";
        case ExprKind::boolean: return e.boolean ? "true" : "false";
        case ExprKind::member: return sexpr(*e.args[0]) + "." + e.text;
        default: break;
    }
    std::string head = e.kind == ExprKind::call    ? e.text
                       : e.kind == ExprKind::list  ? "list"
                       : e.kind == ExprKind::index ? "[]"
                       : e.kind == ExprKind::case_ ? "case"
                                                   : e.text;
    std::string s = "(" + head;
    for (const auto& a : e.args) s += " " + sexpr(*a);
    return s + ")";
}

const char* kHeader = "ruleset t \"测试\" {\n}\n";

const FactDecl& fact(const CompileResult& r, const std::string& name) {
    for (const auto& f : r.library->files.front()->facts)
        if (f.name == name) return f;
    throw std::runtime_error("no fact " + name);
}

std::string fact_sexpr(const std::string& expr) {
    auto r = compile1(std::string(kHeader) + "fact a = 1\nfact b = 2\nfact c = 3\nfact d = 4\nfact x = " + expr + "\n");
    INFO(codes(r));
    REQUIRE(r.ok());
    return sexpr(*fact(r, "x").value);
}

// Note: a RegexMatcher keeps a reference to its input: the UnicodeString must outlive it.
bool matches(const Regex& re, const std::string& text) {
    UErrorCode st = U_ZERO_ERROR;
    const icu::UnicodeString input = icu::UnicodeString::fromUTF8(text);
    std::unique_ptr<icu::RegexMatcher> m(re.pattern->matcher(input, st));
    return U_SUCCESS(st) && m->find();
}

std::string group(const Regex& re, const std::string& text, const std::string& name) {
    UErrorCode st = U_ZERO_ERROR;
    const icu::UnicodeString input = icu::UnicodeString::fromUTF8(text);
    std::unique_ptr<icu::RegexMatcher> m(re.pattern->matcher(input, st));
    if (!m->find()) return "<no match>";
    const int32_t g = re.pattern->groupNumberFromName(icu::UnicodeString::fromUTF8(name), st);
    std::string out;
    m->group(g, st).toUTF8String(out);
    return out;
}

std::shared_ptr<const Regex> pattern_of(const std::string& pattern, std::string* diags = nullptr) {
    auto r = compile1(std::string(kHeader) + "fact x = /" + pattern + "/\n");
    if (diags) *diags = codes(r);
    if (!r.ok()) return nullptr;
    return fact(r, "x").value->regex;
}

}  // namespace

TEST_CASE("grammar: expression precedence and AST shape", "[grammar]") {
    CHECK(fact_sexpr("a + b * c") == "(+ a (* b c))");
    CHECK(fact_sexpr("a - b - c") == "(- (- a b) c)");
    CHECK(fact_sexpr("-a * b") == "(* (- a) b)");
    CHECK(fact_sexpr("a ?? b or c and not d == 1") == "(?? a (or b (and c (not (== d 1)))))");
    CHECK(fact_sexpr("not a and b") == "(and (not a) b)");
    CHECK(fact_sexpr("(a ?? b) + 1") == "(+ (?? a b) 1)");
    CHECK(fact_sexpr("a ~ /x/ or b !~ /y/") == "(or (~ a /x/) (!~ b /y/))");
    CHECK(fact_sexpr("a.b.end[0].c") == "([] a.b.end 0).c");
    CHECK(fact_sexpr("first(/(?<y>{year})/, head(20)).y") == "(first /(?<y>{year})/ (head 20)).y");
    CHECK(fact_sexpr("[a, b, 3]") == "(list a b 3)");
    CHECK(fact_sexpr("[]") == "(list)");
    CHECK(fact_sexpr("case when a then \"x\" when b then \"y\" else \"z\" end") ==
          "(case a \"x\" b \"y\" \"z\")");
    CHECK(fact_sexpr("a <= b + 1") == "(<= a (+ b 1))");
    CHECK(fact_sexpr("true != false") == "(!= true false)");
    CHECK(fact_sexpr("date(2024, 1, 18) + 30 > a") == "(> (+ (date 2024 1 18) 30) a)");
    CHECK(fact_sexpr("count(sections)") == "(count sections)");
    CHECK(fact_sexpr("\"３ 月\"") == "\"3月\"");  // string literals are normalised
}

TEST_CASE("grammar: numbers and strings", "[grammar]") {
    auto r = compile1(std::string(kHeader) + "fact x = 3.25\nfact y \"a\\\"b\\\\c\\n\\t\\u4E00\" = \" 中 文 \"\n");
    REQUIRE(r.ok());
    CHECK(fact(r, "x").value->number == Approx(3.25));
    CHECK(fact(r, "x").value->text == "3.25");
    CHECK(fact(r, "y").label->value == "a\"b\\c\n\t一");
    CHECK(fact(r, "y").value->text == "中文");  // string expressions hold the normalised text
}

TEST_CASE("grammar: positions are byte spans; columns count code points", "[grammar]") {
    const std::string text = std::string(kHeader) +
                             "# 注释：说明文字\n"
                             "fact 年度 \"报告年度\" = first(/(?<y>{year})年/, 标题).y\n"
                             "fact 标题 = \"标题\"\n";
    auto r = compile1(text);
    INFO(codes(r));
    REQUIRE(r.ok());
    const FactDecl& f = fact(r, "年度");
    CHECK(f.name_where.pos() == LineCol{4, 6});
    CHECK(f.where.pos() == LineCol{4, 1});
    CHECK(text.substr(f.name_where.span.begin, f.name_where.span.size()) == "年度");
    REQUIRE(f.label);
    CHECK(f.label->where.pos() == LineCol{4, 9});
    CHECK(f.label->value == "报告年度");
    const Expr& member = *f.value;
    CHECK(member.kind == ExprKind::member);
    CHECK(member.where.pos() == LineCol{4, 18});
    CHECK(text.substr(member.where.span.begin, member.where.span.size()) == "first(/(?<y>{year})年/, 标题).y");
    const Expr& call = *member.args[0];
    const Expr& re = *call.args[0];
    CHECK(re.where.pos() == LineCol{4, 24});
    CHECK(text.substr(re.where.span.begin, re.where.span.size()) == "/(?<y>{year})年/");
    const Expr& arg = *call.args[1];
    CHECK(arg.where.pos() == LineCol{4, 41});
    CHECK(text.substr(arg.where.span.begin, arg.where.span.size()) == "标题");
    CHECK(f.where.span.end == member.where.span.end);  // no trailing whitespace
}

TEST_CASE("grammar: a full rule, clauses and message pieces", "[grammar]") {
    const std::string text = std::string(kHeader) +
                             "fact period = first(/自{date:start}起至{date:end}止/, document)\n"
                             "fact year = 2023\n"
                             "section 概述 {\n  number 1\n  level 1\n  title \"总体情况\", \"概述\"\n"
                             "  variants \"总体\"\n  discouraged \"概况\"\n  pattern /总体.*情况/\n  optional\n}\n"
                             "rule META-02 warning \"统计期限不一致\" {\n"
                             "  source \"规范\"\n  explain \"说明\"\n  good \"好\"\n  bad \"坏\"\n"
                             "  when exists(period)\n  let y = period.start.year\n"
                             "  require y == year and period.end.year == year\n  at period\n"
                             "  message \"期限 {period.start} 至 {period.end}，年度 {year} {{字面}}\"\n}\n";
    auto r = compile1(text);
    INFO(codes(r));
    REQUIRE(r.ok());
    const RuleDecl& rule = r.library->files.front()->rules.front();
    CHECK(rule.id == "META-02");
    CHECK(rule.severity == Severity::warning);
    CHECK(rule.title.value == "统计期限不一致");
    CHECK(rule.ruleset == "t");
    CHECK(rule.source->value == "规范");
    CHECK(rule.good.size() == 1);
    CHECK(rule.when.size() == 1);
    REQUIRE(rule.lets.size() == 1);
    CHECK(rule.lets[0].name == "y");
    CHECK(rule.check_kind == CheckKind::require);
    CHECK(sexpr(*rule.check) == "(and (== y year) (== period.end.year year))");
    REQUIRE(rule.message);
    const auto& pieces = rule.message->pieces;
    REQUIRE(pieces.size() == 7);
    CHECK(pieces[0].text == "期限 ");
    CHECK(pieces[1].placeholder);
    CHECK(pieces[1].path == std::vector<std::string>{"period", "start"});
    CHECK(text.substr(pieces[1].where.span.begin, pieces[1].where.span.size()) == "period.start");
    CHECK(pieces[5].path == std::vector<std::string>{"year"});
    CHECK(pieces[6].text == " {字面}");
    const SectionDecl& s = r.library->files.front()->sections.front();
    CHECK(s.number == 1);
    CHECK(!s.required);
    CHECK(s.titles.size() == 2);
    CHECK(s.titles[1].normal == "概述");
    CHECK(s.patterns.size() == 1);
    const Regex& re = *fact(r, "period").value->args[0]->regex;
    REQUIRE(re.captures.size() == 2);
    CHECK(re.captures[0].name == "start");
    CHECK(re.captures[0].type == CaptureType::date);
    CHECK(group(re, "统计期限自2023年1月1日起至2023年12月31日止。", "end") == "2023年12月31日");
}

TEST_CASE("grammar: patterns expand macros and normalise literals", "[grammar][regex]") {
    auto p = pattern_of("（一）");
    REQUIRE(p);
    CHECK(p->expanded == "\\(一\\)");
    CHECK(matches(*p, "(一)"));
    CHECK_FALSE(matches(*p, "一"));

    p = pattern_of("張店區\\s+２０２３");
    REQUIRE(p);
    CHECK(matches(*p, "张店区 2023"));

    p = pattern_of("^第{int:n}条$");
    REQUIRE(p);
    CHECK(p->captures.at(0).type == CaptureType::integer);
    CHECK(group(*p, "x\n第1,234条\ny", "n") == "1,234");

    p = pattern_of("共{num}元");
    REQUIRE(p);
    CHECK(matches(*p, "共3.5元"));
    CHECK(matches(*p, "共12,000.25元"));

    p = pattern_of("{year:y}年");
    REQUIRE(p);
    CHECK(p->captures.at(0).type == CaptureType::year);
    CHECK(group(*p, "2023年", "y") == "2023");
    CHECK_FALSE(matches(*p, "1823年"));
    CHECK_FALSE(matches(*p, "12023年"));

    p = pattern_of("\\d{2}x{1,3}\\p{Han}");  // ICU quantifiers and \p{..} are left alone
    REQUIRE(p);
    CHECK(matches(*p, "12xx中"));

    p = pattern_of("(?<t>[^\\/]+)\\/");
    REQUIRE(p);
    CHECK(p->captures.at(0).type == CaptureType::text);
    CHECK(group(*p, "ab/c", "t") == "ab");

    p = pattern_of("^{date:d}$");
    REQUIRE(p);
    CHECK(p->captures.at(0).type == CaptureType::date);
    for (const char* d : {"2024年1月18日", "2024年1月", "2024-01-18", "2024/1/18", "2024.1.18", "二〇一八年三月二十八日",
                          "二〇一八年三月", "二零二三年十二月三十一日", "二○二○年十月十日"})
        CHECK(group(*p, d, "d") == d);
    for (const char* d : {"2024年", "12024-01-18", "二〇一八年十三月"}) CHECK_FALSE(matches(*p, d));

    std::string diags;
    CHECK_FALSE(pattern_of("ab{foo}", &diags));
    CHECK(diags.find("R301 3:13") != std::string::npos);
    CHECK_FALSE(pattern_of("{yaer:y}", &diags));
    CHECK(diags.find("did you mean 'year'") != std::string::npos);
    CHECK_FALSE(pattern_of("a(b", &diags));
    CHECK(diags.find("R302") != std::string::npos);
    CHECK(diags.find("U_REGEX") != std::string::npos);
}

TEST_CASE("grammar: inheritance, override, drop, order", "[grammar][inherit]") {
    auto base = src("base.rules",
                    "ruleset base \"基础\" {\n}\n"
                    "fact year = 2020\nfact kind = \"a\"\n"
                    "section 一 {\n number 1\n title \"甲\"\n}\nsection 二 {\n number 2\n title \"乙\"\n}\n"
                    "rule A error \"a\" { source \"s\" message \"m\" require year > 1 }\n"
                    "rule B error \"b\" { source \"s\" message \"m\" require year > 2 }\n"
                    "rule C error \"c\" { source \"s\" message \"m\" require year > 3 }\n");
    auto mid = src("mid.rules",
                   "ruleset mid \"中间\" {\n extends base\n applies when year >= 2021\n}\n"
                   "fact kind = \"b\"\n"
                   "rule B warning \"b2\" { source \"s\" message \"m\" require kind == \"b\" }\n"
                   "rule D error \"d\" { source \"s\" message \"m\" report }\n");
    auto top = src("top.rules",
                   "ruleset top \"顶层\" {\n extends mid, base\n drop C\n}\n"
                   "section 二 {\n number 2\n title \"乙2\"\n}\n"
                   "section 零 {\n number 3\n title \"零\"\n}\n"
                   "rule E error \"e\" { source \"s\" message \"{year} {kind}\" require 二.found }\n");
    auto r = compile_rules({top, mid, base});
    INFO(codes(r));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
    const Ruleset* t = r.library->find_ruleset("top");
    const Ruleset* m = r.library->find_ruleset("mid");
    const Ruleset* b = r.library->find_ruleset("base");
    REQUIRE((t && m && b));
    CHECK(t->bases == std::vector<const Ruleset*>{m, b});
    CHECK(t->ancestors == std::vector<const Ruleset*>{m, b});
    CHECK(t->derives_from(b));
    CHECK_FALSE(b->derives_from(t));
    CHECK(t->facts.at("kind")->value->text == "b");  // mid overrides base although base is listed too
    CHECK(t->facts.at("year")->value->text == "2020");
    REQUIRE(t->sections.size() == 3);
    CHECK(t->sections[2]->name == "零");
    CHECK(t->sections[1]->name == "二");
    CHECK(t->sections[1]->titles[0].value == "乙2");
    std::vector<std::string> ids;
    for (auto* x : t->rules) ids.push_back(x->id + "@" + x->ruleset);
    CHECK(ids == std::vector<std::string>{"A@base", "B@mid", "D@mid", "E@top"});
    ids.clear();
    for (auto* x : m->rules) ids.push_back(x->id + "@" + x->ruleset);
    CHECK(ids == std::vector<std::string>{"A@base", "B@mid", "C@base", "D@mid"});
    CHECK(r.library->find_rule("B").size() == 2);
    auto all = r.library->all_rules();
    REQUIRE(all.size() == 5);
    CHECK(all[1]->id == "B");
    CHECK(all[1]->ruleset == "mid");

    // drop of a rule that is not inherited: a warning, the library still loads
    auto r2 = compile_rules({src("x.rules", "ruleset x \"x\" {\n extends base\n drop Z\n}\n"), base});
    CHECK(r2.ok());
    REQUIRE(r2.diagnostics.size() == 1);
    CHECK(r2.diagnostics[0].diag.code == "R504");
    CHECK(r2.diagnostics[0].diag.severity == Severity::warning);
}

TEST_CASE("grammar: rule-set errors across files", "[grammar][inherit]") {
    auto a = src("a.rules", "ruleset a \"a\" {\n extends b\n}\n");
    auto b = src("b.rules", "ruleset b \"b\" {\n extends a\n}\n");
    auto r = compile_rules({a, b});
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].diag.code == "R502");
    CHECK(r.diagnostics[0].diag.message.find("a → b → a") != std::string::npos);

    auto c = src("c.rules", "ruleset a \"again\" {\n}\n");
    auto r2 = compile_rules({src("a0.rules", "ruleset a \"a\" {\n}\n"), c});
    REQUIRE(r2.diagnostics.size() == 1);
    CHECK(r2.diagnostics[0].diag.code == "R503");
    CHECK(r2.diagnostics[0].diag.path == "c.rules");

    // a file with a syntax error does not cascade into unknown names in its users
    auto broken = src("br.rules", "ruleset br \"b\" {\n}\nfact x = (1\n");
    auto user = src("us.rules", "ruleset us \"u\" {\n extends br\n}\nfact y = x\n");
    auto r3 = compile_rules({broken, user});
    REQUIRE(r3.diagnostics.size() == 1);
    CHECK(r3.diagnostics[0].diag.code == "R107");
}

TEST_CASE("grammar: several errors per run, formatted like a compiler", "[grammar]") {
    auto r = compile_rules({src("one.rules", std::string(kHeader) + "fact y = 2021\n"
                                                                    "rule R1 error \"t\" {\n  source \"s\"\n"
                                                                    "  message \"m\"\n  require yaer >= 2021\n}\n"),
                            src("two.rules", "ruleset two \"x\" {\n  sorce \"s\"\n}\n")});
    REQUIRE(r.diagnostics.size() == 2);
    const std::string out = format_diagnostics(r.diagnostics);
    CHECK(out.find("one.rules:7:11: error: unknown name 'yaer' [R203]") != std::string::npos);  // nothing close
    CHECK(out.find("two.rules:2:3: error: unknown clause 'sorce' in a ruleset (did you mean 'source'?) [R117]") !=
          std::string::npos);
    CHECK(out.find("require yaer >= 2021") != std::string::npos);
    auto r2 = compile1(std::string(kHeader) + "fact year = 1\nfact z = yaer\n");
    REQUIRE(r2.diagnostics.size() == 1);
    CHECK(r2.diagnostics[0].diag.message == "unknown name 'yaer' (did you mean 'year'?)");
    CHECK(format_diagnostics({RuleDiagnostic{r2.diagnostics[0].diag, nullptr}}).find('|') == std::string::npos);
}

// ------------------------------------------------------------------ data-driven
namespace {
struct Expect {
    std::string code;
    std::uint32_t line, col;
    bool operator<(const Expect& o) const { return std::tie(code, line, col) < std::tie(o.code, o.line, o.col); }
    bool operator==(const Expect& o) const { return code == o.code && line == o.line && col == o.col; }
};
std::string show(const std::vector<Expect>& v) {
    std::string s;
    for (const auto& e : v) s += e.code + " " + std::to_string(e.line) + ":" + std::to_string(e.col) + "\n";
    return s;
}
std::filesystem::path data_dir() { return std::filesystem::path(NIANBAO_TEST_DATA) / "grammar"; }

// "# with: FILE" and "# expect: R123 LINE:COL" annotations of a data file.
// (Plain parsing: std::regex drags GCC 12's -Wmaybe-uninitialized noise into the sanitizer build.)
std::optional<std::string> annotation(const std::string& line, std::string_view key) {
    if (!line.starts_with(key)) return std::nullopt;
    std::istringstream rest(line.substr(key.size()));
    std::string word;
    if (!(rest >> word)) return std::nullopt;
    return word;
}
std::optional<Expect> expect_annotation(const std::string& line) {
    const std::string_view key = "# expect: ";
    if (!line.starts_with(key)) return std::nullopt;
    std::istringstream rest(line.substr(key.size()));
    std::string code, at;
    if (!(rest >> code) || code.size() != 4 || code[0] != 'R') return std::nullopt;
    if (!std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    Expect e{code, 0, 0};
    if (rest >> at) {
        auto colon = at.find(':');
        if (colon == std::string::npos) return std::nullopt;
        e.line = static_cast<std::uint32_t>(std::stoul(at.substr(0, colon)));
        e.col = static_cast<std::uint32_t>(std::stoul(at.substr(colon + 1)));
    }
    return e;
}

CompileResult compile_data_file(const std::filesystem::path& p, std::vector<Expect>* expects) {
    const std::string text = read_file(p);
    std::vector<std::shared_ptr<const SourceText>> files;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (auto with = annotation(line, "# with: ")) {
            files.push_back(src((data_dir() / *with).string(), read_file(data_dir() / *with)));
        } else if (auto e = expect_annotation(line); expects && e) {
            REQUIRE(e->line > 0);  // a failure file's expectations carry LINE:COL
            expects->push_back(*e);
        }
    }
    files.push_back(src(p.string(), text));
    return compile_rules(files);
}
}  // namespace

TEST_CASE("grammar: data files compile (or fail) as annotated", "[grammar][data]") {
    std::size_t successes = 0, failures = 0;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir())) {
        const std::string name = entry.path().filename().string();
        if (name.ends_with(".success.rules")) {
            ++successes;
            auto r = compile_data_file(entry.path(), nullptr);
            INFO(name << "\n" << format_diagnostics(r.diagnostics));
            CHECK(r.ok());
            CHECK(r.diagnostics.empty());
        } else if (name.ends_with(".failure.rules")) {
            ++failures;
            std::vector<Expect> expects;
            auto r = compile_data_file(entry.path(), &expects);
            std::vector<Expect> got;
            for (const auto& d : r.diagnostics)
                if (d.diag.path == entry.path().string()) got.push_back({d.diag.code, d.diag.pos.line, d.diag.pos.column});
            INFO(name << "\n" << format_diagnostics(r.diagnostics));
            REQUIRE_FALSE(expects.empty());
            REQUIRE_FALSE(got.empty());
            CHECK(got.front() == expects.front());  // the first expected error comes first
            std::sort(got.begin(), got.end());
            std::sort(expects.begin(), expects.end());
            CHECK(show(got) == show(expects));
        }
    }
    CHECK(successes >= 3);
    CHECK(failures >= 25);
}

TEST_CASE("grammar: every catalogue entry is exercised and documented", "[grammar][data]") {
    std::set<std::string> expected;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir())) {
        if (!entry.path().filename().string().ends_with(".failure.rules")) continue;
        std::istringstream lines(read_file(entry.path()));
        std::string line;
        while (std::getline(lines, line))
            if (auto e = expect_annotation(line)) expected.insert(e->code);
    }
    const std::string doc = read_file(std::filesystem::path(NIANBAO_SOURCE_DIR) / "docs" / "rule-errors.md");
    std::set<std::string> codes_seen;
    for (const auto& e : error_catalogue()) {
        INFO(e.code << " " << e.name);
        CHECK(codes_seen.insert(e.code).second);  // unique codes
        CHECK(expected.count(e.code) == 1);       // some failure file produces it
        CHECK(doc.find(std::string("`") + e.code + "`") != std::string::npos);
        CHECK(doc.find(e.name) != std::string::npos);
    }
}

// ------------------------------------------------------------------ tables
namespace {
const TableDecl& table_of(const RuleFile& f, const std::string& name) {
    for (const auto& t : f.tables)
        if (t.name == name) return t;
    throw std::runtime_error("no table " + name);
}
const RuleDecl& rule_of(const RuleFile& f, const std::string& id) {
    for (const auto& r : f.rules)
        if (r.id == id) return r;
    throw std::runtime_error("no rule " + id);
}
std::vector<std::string> member_names(const GroupDecl& g) {
    std::vector<std::string> v;
    for (const auto& [n, w] : g.members) v.push_back(n);
    return v;
}
}  // namespace

TEST_CASE("grammar: table declarations", "[grammar][table]") {
    const auto path = std::filesystem::path(NIANBAO_TEST_DATA) / "grammar" / "tables.success.rules";
    auto r = compile_rules({src(path.string(), read_file(path))});
    INFO(codes(r));
    REQUIRE(r.ok());
    const RuleFile& f = *r.library->files.front();
    REQUIRE(f.tables.size() == 2);
    const TableDecl& t = table_of(f, "申请表");
    REQUIRE(t.section);
    CHECK(t.section->first == "申请情况");
    CHECK(t.anchors.size() == 2);
    REQUIRE(t.columns.size() == 7);  // two `columns` clauses accumulate
    CHECK(t.columns[0].name == "自然人");
    CHECK_FALSE(t.columns[0].label);  // default: the name
    REQUIRE(t.columns[1].label);
    CHECK(t.columns[1].label->value == "商业企业");
    CHECK(t.columns[6].name == "总计");
    REQUIRE(t.column_groups.size() == 2);
    CHECK(member_names(t.column_groups[0]) ==
          std::vector<std::string>{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"});
    CHECK(member_names(t.column_groups[1]) ==
          std::vector<std::string>{"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"});
    REQUIRE(t.rows.size() == 11);
    CHECK(t.rows[3].name == "部分公开");
    CHECK(t.rows[3].labels.size() == 2);  // label and variant, over two lines
    CHECK(t.rows[4].optional);
    CHECK_FALSE(t.rows[5].optional);
    const RowDecl& restricted = t.rows[10];
    CHECK(restricted.name == "法人合计");
    REQUIRE(restricted.columns.size() == 2);
    CHECK(restricted.columns[1].first == "科研机构");
    CHECK(restricted.optional);
    CHECK(restricted.type == ValueType::integer);
    CHECK(t.type == ValueType::integer);
    REQUIRE(t.row_groups.size() == 2);
    CHECK(member_names(t.row_groups[0]) ==
          std::vector<std::string>{"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理合并"});
    CHECK(member_names(t.row_groups[1]) == std::vector<std::string>{"新收", "结转下年"});
    const TableDecl& fee = table_of(f, "收费");
    CHECK(fee.type == ValueType::decimal);
    REQUIRE(fee.rows.size() == 2);
    CHECK(fee.rows[0].unlabeled);
    CHECK(fee.rows[0].labels.empty());
    CHECK(fee.rows[0].type == ValueType::decimal);
    CHECK(fee.rows[1].labels.front().value == "件数");
    const Ruleset* rs = r.library->find_ruleset("表格");
    REQUIRE(rs);
    REQUIRE(rs->tables.size() == 2);
    CHECK(rs->tables[0] == &t);

    // cells: T[R, C] has 3 args; bare names of the table are marked, variables are not
    using TN = Expr::TableName;
    const RuleDecl& r1 = rule_of(f, "T3-01");
    const Expr& lhs = *r1.lets[0].value;  // 申请表[新收, c] + 申请表[结转, c]
    const Expr& cell = *lhs.args[0];
    REQUIRE(cell.kind == ExprKind::index);
    REQUIRE(cell.args.size() == 3);
    CHECK(sexpr(cell) == "([] 申请表 新收 c)");
    CHECK(cell.args[0]->table_name == TN::none);
    CHECK(cell.args[1]->table_name == TN::row);
    CHECK(cell.args[2]->table_name == TN::none);
    const Expr& group_cell = *rule_of(f, "T3-02").check->args[0]->args[0];  // sum(申请表[结果, c])
    CHECK(sexpr(group_cell) == "([] 申请表 结果 c)");
    CHECK(group_cell.args[1]->table_name == TN::row_group);
    const Expr& rows_call = *rule_of(f, "T3-04").loop;  // rows(申请表, 结果)
    CHECK(rows_call.args[1]->table_name == TN::row_group);
    const Expr& across = *rule_of(f, "T3-04").lets[0].value->args[0];  // 申请表[r, 申请人]
    CHECK(across.args[1]->table_name == TN::none);
    CHECK(across.args[2]->table_name == TN::column_group);
    const Expr& cols_call = *rule_of(f, "T3-05").loop;  // columns(申请表, 法人)
    CHECK(cols_call.args[1]->table_name == TN::column_group);
    const Expr& fee_cell = *rule_of(f, "T4-01").lets[0].value;  // 收费[收费合计, 金额]
    CHECK(fee_cell.args[2]->table_name == TN::column);
}

TEST_CASE("grammar: a row's `columns` and `type` options are on the row's line", "[grammar][table]") {
    auto r = compile1(std::string(kHeader) +
                      "table 表 {\n  columns 甲, 乙\n  row 一 \"一\" columns 甲\n  row 二 \"二\",\n    \"二之二\" columns 乙 optional\n"
                      "  row 三 \"三\" type decimal\n  columns 丙 \"丙列\"\n  type integer\n}\n"
                      "fact rows = 1\nfact columns = 2\n");  // contextual words: ordinary names outside a table
    INFO(codes(r));
    REQUIRE(r.ok());
    const TableDecl& t = r.library->files.front()->tables.front();
    REQUIRE(t.columns.size() == 3);
    CHECK(t.columns[2].label->value == "丙列");
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].columns.size() == 1);
    CHECK(t.rows[1].columns.size() == 1);
    CHECK(t.rows[1].optional);
    CHECK(t.rows[2].columns.empty());
    CHECK(t.rows[2].type == ValueType::decimal);  // `type` on the row's line: the row's
    CHECK(t.type == ValueType::integer);          // at the start of a line: the table's
    CHECK_FALSE(t.rows[0].type);
}

TEST_CASE("grammar: tables are inherited and overridden by name", "[grammar][table][inherit]") {
    auto base = src("base.rules",
                    "ruleset base \"基础\" {\n}\n"
                    "section 申请 {\n number 3\n title \"申请\"\n}\n"
                    "table 甲表 {\n in 申请\n columns 一\n row 行 \"行\"\n}\n"
                    "table 乙表 {\n columns 一\n row 行 \"行\"\n}\n");
    auto top = src("top.rules",
                   "ruleset top \"顶层\" {\n extends base\n}\n"
                   "table 甲表 {\n in 申请\n columns 一, 二\n row 新行 \"新行\"\n}\n"
                   "table 丙表 {\n columns 一\n row 行 \"行\"\n}\n"
                   "rule A error \"a\" { source \"s\" message \"{甲表.found}\" require 甲表[新行, 二] == 乙表[行, 一] }\n");
    auto r = compile_rules({top, base});
    INFO(codes(r));
    REQUIRE(r.ok());
    const Ruleset* t = r.library->find_ruleset("top");
    REQUIRE(t->tables.size() == 3);
    CHECK(t->tables[0]->name == "甲表");
    CHECK(t->tables[0]->columns.size() == 2);  // the override, in the inherited place
    CHECK(t->tables[1]->name == "乙表");
    CHECK(t->tables[2]->name == "丙表");
    CHECK(r.library->find_ruleset("base")->tables[0]->columns.size() == 1);

    // a table name is in the namespace of facts and sections
    auto r2 = compile1(std::string(kHeader) + "fact 表 = 1\ntable 表 {\n columns 一\n row 行 \"行\"\n}\n");
    REQUIRE(r2.diagnostics.size() == 1);
    CHECK(r2.diagnostics[0].diag.code == "R402");
}

TEST_CASE("grammar: syntax errors: one per broken declaration, parsing goes on", "[grammar][recovery]") {
    auto r = compile1(std::string(kHeader) +               // lines 1-2
                      "fact year = 2021\n"                  // 3
                      "rule R-1 error \"一\" {\n"           // 4
                      "  source \"s\" message \"m\"\n"      // 5
                      "  require year = 2021\n"             // 6: '=' at column 16
                      "}\n"
                      "rule R-2 error \"二\" {\n"           // 8
                      "  source \"s\" message \"m\n"        // 9: unterminated string from column 22
                      "  require year > 1\n"
                      "}\n"
                      "rule R-3 error \"三\" {\n"           // 12
                      "  source \"s\" message \"m\"\n"
                      "  requre year > 1\n"                 // 14: unknown clause at column 3
                      "}\n"
                      "rule R-4 error \"四\" {\n"
                      "  source \"s\" message \"{year}\"\n"
                      "  require year > 1\n"
                      "}\n");
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(codes(r).find("R123 6:16") != std::string::npos);
    CHECK(codes(r).find("R101 9:22") != std::string::npos);
    CHECK(codes(r).find("R117 14:3") != std::string::npos);
    CHECK_FALSE(r.ok());
}
