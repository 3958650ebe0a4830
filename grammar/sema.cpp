// compile_rules: runs the passes listed in compile.hpp, in order, over every
// file (pass 1, parser.cpp; passes 2-7, sema_N_*.cpp); all errors are
// collected (several per run), nothing throws for bad input.  Also
// compile_expression, which runs passes 1, 4 and 5 on one expression in the
// scope of a compiled rule set.
#include <algorithm>
#include <map>
#include <set>

#include "grammar/compile.hpp"
#include "grammar/sema_passes.hpp"

namespace nianbao::rules {

CompileResult compile_rules(const std::vector<std::shared_ptr<const SourceText>>& sources) {
    using namespace detail::sema;  // NOLINT
    CompileResult res;
    std::vector<RuleDiagnostic>& diags = res.diagnostics;
    auto lib = std::make_unique<RuleLibrary>();
    CharNormalizer norm;
    NameChecker C{diags, {}};

    // ---- pass 1: parse (each file to its end: broken declarations are
    // reported and stand in by name, see detail::ParseResult)
    std::vector<bool> broken;           // the file's ruleset declaration is missing after a syntax error, or broken
    std::set<std::string> broken_sets;  // names of rule sets whose declaration did not parse
    std::vector<std::vector<std::size_t>> broken_tables;
    for (const auto& src : sources) {
        if (!src) continue;
        detail::ParseResult pr = detail::parse_rule_file(src);
        for (auto& d : pr.diagnostics) diags.push_back(std::move(d));
        if (!pr.broken_ruleset.empty()) broken_sets.insert(pr.broken_ruleset);
        broken.push_back(pr.syntax_error && (pr.ruleset_broken || !pr.file->ruleset));
        broken_tables.push_back(std::move(pr.broken_tables));
        lib->files.push_back(std::move(pr.file));
    }
    const std::size_t nfiles = lib->files.size();
    for (std::size_t i = 0; i < nfiles; ++i)
        for (std::size_t k : broken_tables[i]) C.opaque.insert(&lib->files[i]->tables[k]);

    const Linked ln = link_rulesets(*lib, broken, broken_sets, diags);  // pass 2
    resolve_effective(*lib, ln, diags);                                 // pass 3
    // pass 4 for every file first (the names pass looks at the captures of
    // patterns in inherited facts), then passes 5 and 6, then 7
    for (std::size_t i = 0; i < nfiles; ++i) {
        normalise_strings(*lib->files[i], norm);
        compile_patterns(*lib->files[i], norm, diags);
    }
    check_names(*lib, ln, broken, C);
    check_fact_cycles(*lib, ln, broken, diags);

    // order: by file, then position
    std::map<const SourceText*, std::size_t> file_index;
    for (std::size_t i = 0; i < sources.size(); ++i) file_index.emplace(sources[i].get(), i);
    std::stable_sort(diags.begin(), diags.end(), [&](const RuleDiagnostic& a, const RuleDiagnostic& b) {
        const std::size_t fa = file_index.count(a.file.get()) ? file_index[a.file.get()] : 0;
        const std::size_t fb = file_index.count(b.file.get()) ? file_index[b.file.get()] : 0;
        if (fa != fb) return fa < fb;
        return a.diag.span.begin < b.diag.span.begin;
    });
    const bool failed = std::any_of(diags.begin(), diags.end(),
                                    [](const RuleDiagnostic& d) { return d.diag.severity == Severity::error; });
    if (!failed) res.library = std::move(lib);
    return res;
}

CompiledExpression compile_expression(const Ruleset& rs, const std::string& text, const std::string& origin) {
    using namespace detail::sema;  // NOLINT
    CompiledExpression res;
    const std::string prefix = kExpressionPrefix;
    auto src = std::make_shared<const SourceText>(origin, prefix + text + "\n");
    detail::ParseResult pr = detail::parse_rule_file(src);
    res.diagnostics = std::move(pr.diagnostics);
    if (pr.syntax_error || !res.diagnostics.empty()) return res;
    RuleFile& f = *pr.file;
    const auto at_expr = static_cast<std::uint32_t>(prefix.size());
    if (f.ruleset || f.facts.size() != 1 || !f.sections.empty() || !f.tables.empty() || !f.rules.empty() ||
        !f.facts[0].value) {
        Diagnostic d;
        d.path = origin;
        d.pos = src->locate(at_expr);
        d.span = Span{at_expr, static_cast<std::uint32_t>(src->text().size())};
        d.message = "not a single expression";
        res.diagnostics.push_back(RuleDiagnostic{d, src});
        return res;
    }
    CharNormalizer norm;
    NameChecker C{res.diagnostics, {}};
    normalise_strings(f, norm);
    compile_patterns(f, norm, res.diagnostics);
    const RulesetScope rsc(rs);
    C.check_expr(*f.facts[0].value, rsc.scope, UINT32_MAX);
    const bool failed = std::any_of(res.diagnostics.begin(), res.diagnostics.end(),
                                    [](const RuleDiagnostic& d) { return d.diag.severity == Severity::error; });
    if (failed) return res;
    res.expr = f.facts[0].value.get();
    res.holder = std::move(pr.file);
    return res;
}

}  // namespace nianbao::rules
