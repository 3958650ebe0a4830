// Pass 4: every string literal normalised the way report text is for
// matching (CharNormalizer: NFKC, traditional -> simplified); every pattern
// literal compiled (regex.cpp: macro expansion, normalisation, ICU), its
// errors at their place in the rule file; a section's `pattern` must be a
// pattern literal (R305).
// Runs on every file before pass 5, which reads the captures of patterns.
#include <functional>

#include "grammar/sema_passes.hpp"

namespace nianbao::rules::detail::sema {

namespace {

void for_each_expr(Expr& e, const std::function<void(Expr&)>& f) {
    f(e);
    for (auto& a : e.args)
        if (a) for_each_expr(*a, f);
}

template <typename F>
void for_each_top_expr(RuleFile& file, F&& f) {
    if (file.ruleset && file.ruleset->applies) f(*file.ruleset->applies);
    for (auto& fact : file.facts)
        if (fact.value) f(*fact.value);
    for (auto& s : file.sections)
        for (auto& p : s.patterns)
            if (p) f(*p);
    for (auto& r : file.rules) {
        if (r.loop) f(*r.loop);
        for (auto& w : r.when)
            if (w) f(*w);
        for (auto& l : r.lets)
            if (l.value) f(*l.value);
        if (r.check) f(*r.check);
        if (r.at) f(*r.at);
    }
}

}  // namespace

void normalise_strings(RuleFile& f, CharNormalizer& norm) {
    auto lit = [&](StringLit& s) { s.normal = norm.normalize(s.value); };
    if (f.ruleset) {
        lit(f.ruleset->title);
        if (f.ruleset->source) lit(*f.ruleset->source);
    }
    for (auto& fact : f.facts)
        if (fact.label) lit(*fact.label);
    for (auto& s : f.sections) {
        for (auto& t : s.titles) lit(t);
        for (auto& t : s.variants) lit(t);
        for (auto& t : s.discouraged) lit(t);
    }
    for (auto& t : f.tables) {
        for (auto& a : t.anchors) lit(a);
        for (auto& c : t.columns)
            if (c.label) lit(*c.label);
        for (auto& r : t.rows)
            for (auto& l : r.labels) lit(l);
    }
    for (auto& r : f.rules) {
        lit(r.title);
        if (r.source) lit(*r.source);
        if (r.explain) lit(*r.explain);
        for (auto& g : r.good) lit(g);
        for (auto& b : r.bad) lit(b);
    }
    for_each_top_expr(f, [&](Expr& top) {
        for_each_expr(top, [&](Expr& e) {
            if (e.kind == ExprKind::string) e.text = norm.normalize(e.text);
        });
    });
}

void compile_patterns(RuleFile& f, CharNormalizer& norm, Diags& diags) {
    for (auto& s : f.sections)
        for (auto& p : s.patterns)
            if (p && p->kind != ExprKind::regex) diags.push_back(make_diag(Err::section_pattern_not_regex, {}, p->where));
    for_each_top_expr(f, [&](Expr& top) {
        for_each_expr(top, [&](Expr& e) {
            if (e.kind != ExprKind::regex) return;
            std::vector<detail::PatternError> errs;
            e.regex = compile_pattern(e.text, e.where.span.begin + 1, norm, errs);
            for (auto& pe : errs) diags.push_back(make_diag(pe.code, std::move(pe.args), f.file, pe.span));
        });
    });
}

}  // namespace nianbao::rules::detail::sema
