// The rule compiler's passes run alone (grammar/sema_passes.hpp, private):
// each on files parsed by pass 1, without the passes compile_rules runs after
// it, so that what a pass does (and what it leaves to the others) is pinned
// down apart from the whole compiler.
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "grammar/sema_passes.hpp"

using namespace nianbao;
using namespace nianbao::rules;
using namespace nianbao::rules::detail;

namespace {

// Pass 1 over each (path, text), as compile_rules runs it.
struct Parsed {
    RuleLibrary lib;
    std::vector<bool> broken;
    std::set<std::string> broken_sets;
    sema::Diags diags;
};
Parsed parse_all(const std::vector<std::pair<std::string, std::string>>& files) {
    Parsed p;
    for (const auto& [path, text] : files) {
        ParseResult pr = parse_rule_file(std::make_shared<const SourceText>(path, text));
        for (auto& d : pr.diagnostics) p.diags.push_back(std::move(d));
        if (!pr.broken_ruleset.empty()) p.broken_sets.insert(pr.broken_ruleset);
        p.broken.push_back(pr.syntax_error && (pr.ruleset_broken || !pr.file->ruleset));
        p.lib.files.push_back(std::move(pr.file));
    }
    return p;
}

// "CODE path:line:col" per diagnostic, one a line.
std::string codes(const sema::Diags& diags) {
    std::string s;
    for (const auto& d : diags)
        s += d.diag.code + " " + d.diag.path + ":" + std::to_string(d.diag.pos.line) + ":" +
             std::to_string(d.diag.pos.column) + "\n";
    return s;
}

std::vector<std::string> names(const std::vector<Ruleset*>& sets) {
    std::vector<std::string> v;
    for (const Ruleset* rs : sets) v.push_back(rs ? rs->decl->name : "-");
    return v;
}

const Ruleset* set_named(const RuleLibrary& lib, const std::string& name) {
    const Ruleset* rs = lib.find_ruleset(name);
    REQUIRE(rs);
    return rs;
}

}  // namespace

TEST_CASE("sema pass 2: rule sets linked, bases first; unknown bases and cycles poison", "[grammar][passes]") {
    Parsed p = parse_all({
        {"c.rules", "ruleset c \"C\" {\n  extends b, a\n}\n"},
        {"b.rules", "ruleset b \"B\" {\n  extends a\n}\n"},
        {"a.rules", "ruleset a \"A\" {\n}\n"},
        {"d.rules", "ruleset d \"D\" {\n  extends nosuch\n}\n"},
        {"e.rules", "ruleset e \"E\" {\n  extends d\n}\n"},
        {"x.rules", "ruleset x \"X\" {\n  extends y\n}\n"},
        {"y.rules", "ruleset y \"Y\" {\n  extends x\n}\n"},
        {"none.rules", "\nfact f = 1\n"},
    });
    REQUIRE(p.diags.empty());
    const sema::Linked ln = sema::link_rulesets(p.lib, p.broken, p.broken_sets, p.diags);
    CHECK(codes(p.diags) == "R413 none.rules:2:1\nR501 d.rules:2:11\nR502 y.rules:2:11\n");
    CHECK(names(ln.set_of_file) == std::vector<std::string>{"c", "b", "a", "d", "e", "x", "y", "-"});
    CHECK(ln.file_of_set.at(set_named(p.lib, "a")) == 2);
    // bases before the sets deriving from them
    const auto topo = names(ln.topo);
    auto at = [&](const char* n) { return std::find(topo.begin(), topo.end(), n) - topo.begin(); };
    REQUIRE(topo.size() == 7);
    CHECK(at("a") < at("b"));
    CHECK(at("b") < at("c"));
    CHECK(at("d") < at("e"));
    const Ruleset* c = set_named(p.lib, "c");
    CHECK(c->ancestors == std::vector<const Ruleset*>{set_named(p.lib, "b"), set_named(p.lib, "a")});
    // the cycle is cut where it closes: y keeps no base, x keeps y
    CHECK(set_named(p.lib, "y")->bases.empty());
    CHECK(set_named(p.lib, "x")->bases == std::vector<const Ruleset*>{set_named(p.lib, "y")});
    std::set<std::string> poisoned;
    for (const Ruleset* rs : ln.poisoned) poisoned.insert(rs->decl->name);
    CHECK(poisoned == std::set<std::string>{"d", "e", "x", "y"});  // e inherits d's unknown base
}

TEST_CASE("sema pass 2: a base whose declaration did not parse is no error of its own", "[grammar][passes]") {
    Parsed p = parse_all({
        {"base.rules", "ruleset base \"B\" {\n  extends\n}\n"},  // R105: no name after extends
        {"top.rules", "ruleset top \"T\" {\n  extends base\n}\n"},
    });
    REQUIRE(codes(p.diags) == "R105 base.rules:3:1\n");
    REQUIRE(p.broken == std::vector<bool>{true, false});
    const sema::Linked ln = sema::link_rulesets(p.lib, p.broken, p.broken_sets, p.diags);
    CHECK(codes(p.diags) == "R105 base.rules:3:1\n");  // no R501 for `extends base`
    REQUIRE(ln.poisoned.size() == 1);
    CHECK((*ln.poisoned.begin())->decl->name == "top");
}

TEST_CASE("sema pass 3: effective declarations, overrides, drop, duplicates in a file", "[grammar][passes]") {
    const std::string rule_body = " { source \"s\" message \"m\" require true }\n";
    Parsed p = parse_all({
        {"a.rules", "ruleset a \"A\" {\n}\nfact f = 1\nfact g = 2\nfact g = 9\n"
                    "section 二 {\n number 2\n title \"乙\"\n}\nsection 一 {\n number 1\n title \"甲\"\n}\n"
                    "rule A-1 error \"a1\"" + rule_body + "rule A-2 error \"a2\"" + rule_body +
                    "rule A-2 error \"again\"" + rule_body},
        {"b.rules", "ruleset b \"B\" {\n  extends a\n  drop A-2, A-9\n}\nfact g = 3\n"
                    "rule A-1 warning \"b1\"" + rule_body + "rule B-1 error \"b\"" + rule_body},
    });
    REQUIRE(p.diags.empty());
    const sema::Linked ln = sema::link_rulesets(p.lib, p.broken, p.broken_sets, p.diags);
    REQUIRE(p.diags.empty());
    sema::resolve_effective(p.lib, ln, p.diags);
    CHECK(codes(p.diags) == "R402 a.rules:5:6\nR401 a.rules:16:6\nR504 b.rules:3:13\n");
    const Ruleset* a = set_named(p.lib, "a");
    const Ruleset* b = set_named(p.lib, "b");
    // in a file, the first of two declarations of a name counts
    REQUIRE(a->facts.count("g"));
    CHECK(a->facts.at("g")->value->text == "2");
    CHECK(b->facts.at("g")->value->text == "3");  // own over inherited
    CHECK(b->facts.at("f") == a->facts.at("f"));
    REQUIRE(b->sections.size() == 2);
    CHECK(b->sections[0]->name == "一");  // sorted by number
    std::vector<std::string> rules;
    for (const RuleDecl* r : b->rules) rules.push_back(r->id + "/" + r->title.value);
    CHECK(rules == std::vector<std::string>{"A-1/b1", "B-1/b"});  // A-2 dropped, A-1 overridden in place
    CHECK(a->rules.size() == 2);
}

TEST_CASE("sema pass 4: literals normalised, patterns compiled, before any name is checked", "[grammar][passes]") {
    Parsed p = parse_all({{"p.rules", "ruleset p \"（一）\" {\n}\nfact s = \"１２\" + nosuch\nfact r = /（一）(?<n>\\d+)/\n"
                                      "section 一 {\n number 1\n title \"甲\"\n pattern \"甲\"\n}\n"}});
    REQUIRE(p.diags.empty());
    RuleFile& f = *p.lib.files[0];
    CharNormalizer norm;
    sema::normalise_strings(f, norm);
    sema::compile_patterns(f, norm, p.diags);
    CHECK(codes(p.diags) == "R305 p.rules:8:10\n");  // and no R203 for `nosuch`: names are pass 5's
    CHECK(f.ruleset->title.normal == "(一)");
    CHECK(f.ruleset->title.value == "（一）");  // the text as written stays
    CHECK(f.facts[0].value->args[0]->text == "12");
    REQUIRE(f.facts[1].value->regex);
    REQUIRE(f.facts[1].value->regex->captures.size() == 1);
    CHECK(f.facts[1].value->regex->captures[0].name == "n");
}

TEST_CASE("sema pass 7: fact cycles, once each; table entries are pass 5's", "[grammar][passes]") {
    const std::string text =
        "ruleset f \"F\" {\n}\n"
        "fact a = b + 1\nfact b = c\nfact c = a\nfact d = a\n"
        "table T {\n columns 列 \"列\"\n row 合计 \"合计\"\n}\n"
        "fact 合计 = T[合计, 列]\n";
    SECTION("a cycle is reported once, at the fact it closes on") {
        Parsed p = parse_all({{"f.rules", text}});
        REQUIRE(p.diags.empty());
        const sema::Linked ln = sema::link_rulesets(p.lib, p.broken, p.broken_sets, p.diags);
        sema::resolve_effective(p.lib, ln, p.diags);
        CharNormalizer norm;
        sema::normalise_strings(*p.lib.files[0], norm);
        sema::compile_patterns(*p.lib.files[0], norm, p.diags);
        sema::NameChecker names{p.diags, {}};
        sema::check_names(p.lib, ln, p.broken, names);
        REQUIRE(p.diags.empty());
        sema::check_fact_cycles(p.lib, ln, p.broken, p.diags);
        REQUIRE(codes(p.diags) == "R207 f.rules:3:6\n");
        CHECK(p.diags[0].diag.message.find("a → b → c → a") != std::string::npos);
    }
    SECTION("without pass 5, the row 合计 in T[合计, 列] reads as the fact 合计") {
        Parsed p = parse_all({{"f.rules", text}});
        const sema::Linked ln = sema::link_rulesets(p.lib, p.broken, p.broken_sets, p.diags);
        sema::resolve_effective(p.lib, ln, p.diags);
        sema::check_fact_cycles(p.lib, ln, p.broken, p.diags);
        CHECK(codes(p.diags) == "R207 f.rules:3:6\nR207 f.rules:11:6\n");
    }
}

TEST_CASE("sema pass 7: a chain of thousands of facts is walked without deep recursion", "[grammar][passes]") {
    std::string text = "ruleset chain \"C\" {\n}\n";
    for (int i = 0; i < 5000; ++i) text += "fact f" + std::to_string(i) + " = f" + std::to_string(i + 1) + "\n";
    text += "fact f5000 = f0\n";
    Parsed p = parse_all({{"chain.rules", text}});
    REQUIRE(p.diags.empty());
    const sema::Linked ln = sema::link_rulesets(p.lib, p.broken, p.broken_sets, p.diags);
    sema::resolve_effective(p.lib, ln, p.diags);
    sema::check_fact_cycles(p.lib, ln, p.broken, p.diags);
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].diag.code == "R207");
}

TEST_CASE("lexical: a string literal's value bytes keep their offsets in the file", "[grammar][passes]") {
    std::vector<std::uint32_t> offs;
    // "a\nb\u4E2D" written at offset 10: 'a' 11, '\n' 12 (the escape), 'b' 14, 中's 3 bytes 15, end 21
    const std::string v = unescape_string("\"a\\nb\\u4E2D\"", 10, &offs);
    CHECK(v == "a\nb\xE4\xB8\xAD");
    CHECK(offs == std::vector<std::uint32_t>{11, 12, 14, 15, 15, 15, 21});
    CHECK(unescape_string("\"x\\\"y\"", 0, nullptr) == "x\"y");
    CHECK(is_keyword("table"));
    CHECK_FALSE(is_keyword("columns"));  // a contextual word, not reserved
    CHECK(is_ident_start(U'中'));
    CHECK_FALSE(is_ident_start(U'1'));
    CHECK(is_ident_char(U'1'));
}
