// The compiled library's look-ups (RuleLibrary, Ruleset) and
// format_diagnostics, which prints rule-file diagnostics with their excerpts.
#include <algorithm>
#include <map>

#include "core/diagnostic.hpp"
#include "grammar/compile.hpp"

namespace nianbao::rules {

// ------------------------------------------------------------------ library
bool Ruleset::derives_from(const Ruleset* other) const {
    return std::find(ancestors.begin(), ancestors.end(), other) != ancestors.end();
}

const Ruleset* RuleLibrary::find_ruleset(const std::string& name) const {
    for (const auto& r : rulesets)
        if (r->decl && r->decl->name == name) return r.get();
    return nullptr;
}

std::vector<const RuleDecl*> RuleLibrary::find_rule(const std::string& id) const {
    std::vector<const RuleDecl*> out;
    for (const auto& f : files)
        for (const auto& r : f->rules)
            if (r.id == id) out.push_back(&r);
    return out;
}

std::vector<const RuleDecl*> RuleLibrary::all_rules() const {
    std::map<std::string, const RuleDecl*> best;
    for (const auto& f : files)
        for (const auto& r : f->rules) {
            auto [it, fresh] = best.emplace(r.id, &r);
            if (fresh) continue;
            // keep the most derived declaration (ties: the later one)
            const Ruleset* cur = find_ruleset(it->second->ruleset);
            const Ruleset* cand = find_ruleset(r.ruleset);
            if (!(cur && cand && cur->derives_from(cand))) it->second = &r;
        }
    std::vector<const RuleDecl*> out;
    for (auto& [id, r] : best) out.push_back(r);
    return out;
}

std::string format_diagnostics(const std::vector<RuleDiagnostic>& diags) {
    std::string out;
    for (const auto& d : diags) {
        out += render_header(d.diag);
        if (out.empty() || out.back() != '\n') out += '\n';
        if (d.file) out += render_excerpt(*d.file, d.diag.span);
    }
    return out;
}

}  // namespace nianbao::rules
