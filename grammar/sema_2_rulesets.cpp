// Pass 2: rule sets.  Each file's ruleset declaration becomes a Ruleset (a
// file without one, R413; a name declared twice, R503); `extends` names
// resolve (R501 else), cycles are reported once and cut (R502); a set whose
// bases are unknown, broken or in a cycle is "poisoned": passes 3, 5 and 7
// skip what they cannot check in it.  Also the topological order (bases
// first) and every set's ancestors, nearest first.
#include <algorithm>
#include <functional>

#include "grammar/sema_passes.hpp"

namespace nianbao::rules::detail::sema {

Linked link_rulesets(RuleLibrary& library, const std::vector<bool>& broken, const std::set<std::string>& broken_sets,
                     Diags& diags) {
    RuleLibrary* lib = &library;
    const std::size_t nfiles = lib->files.size();
    Linked ln;
    ln.set_of_file.assign(nfiles, nullptr);
    auto& set_of_file = ln.set_of_file;
    auto& file_of_set = ln.file_of_set;
    auto& poisoned = ln.poisoned;
    auto& topo = ln.topo;
    std::map<std::string, Ruleset*> by_name;
    for (std::size_t i = 0; i < nfiles; ++i) {
        RuleFile& f = *lib->files[i];
        if (broken[i]) continue;
        if (!f.ruleset) {
            // point at the first declaration (or the file start)
            std::uint32_t at = UINT32_MAX;
            for (auto& x : f.facts) at = std::min(at, x.where.span.begin);
            for (auto& x : f.sections) at = std::min(at, x.where.span.begin);
            for (auto& x : f.tables) at = std::min(at, x.where.span.begin);
            for (auto& x : f.rules) at = std::min(at, x.where.span.begin);
            if (at == UINT32_MAX) at = 0;
            diags.push_back(make_diag(Err::missing_ruleset, {}, f.file, Span{at, at}));
            continue;
        }
        RulesetDecl& d = *f.ruleset;
        if (auto it = by_name.find(d.name); it != by_name.end()) {
            const RulesetDecl& prev = *it->second->decl;
            diags.push_back(make_diag(Err::duplicate_ruleset,
                                      {d.name, prev.name_where.path() + ":" + std::to_string(prev.name_where.pos().line)},
                                      d.name_where));
            continue;
        }
        auto rs = std::make_unique<Ruleset>();
        rs->decl = &d;
        by_name[d.name] = rs.get();
        set_of_file[i] = rs.get();
        file_of_set[rs.get()] = i;
        for (auto& r : f.rules) r.ruleset = d.name;
        lib->rulesets.push_back(std::move(rs));
    }
    std::map<const Ruleset*, std::vector<std::pair<Ruleset*, const Where*>>> edges;
    for (auto& rs : lib->rulesets) {
        std::vector<std::string> known;
        for (auto& [n, r] : by_name) known.push_back(n);
        for (const auto& [name, where] : rs->decl->extends) {
            if (auto it = by_name.find(name); it != by_name.end()) {
                edges[rs.get()].emplace_back(it->second, &where);
            } else if (broken_sets.count(name)) {
                poisoned.insert(rs.get());
            } else {
                diags.push_back(make_diag(Err::unknown_ruleset, {name, did_you_mean(name, known)}, where));
                poisoned.insert(rs.get());
            }
        }
    }
    // cycles: DFS, cutting back edges; topological order = post order
    {
        std::map<const Ruleset*, int> color;  // 0 new, 1 on stack, 2 done
        std::vector<Ruleset*> stack;
        std::function<void(Ruleset*)> visit = [&](Ruleset* r) {
            color[r] = 1;
            stack.push_back(r);
            for (auto& [b, where] : edges[r]) {
                if (color[b] == 1) {
                    std::string cycle;
                    auto from = std::find(stack.begin(), stack.end(), b);
                    for (auto it = from; it != stack.end(); ++it) cycle += (*it)->decl->name + " → ";
                    cycle += b->decl->name;
                    diags.push_back(make_diag(Err::extends_cycle, {cycle}, *where));
                    for (auto it = from; it != stack.end(); ++it) poisoned.insert(*it);
                    b = nullptr;  // cut
                    continue;
                }
                if (color[b] == 0) visit(b);
                r->bases.push_back(b);
            }
            stack.pop_back();
            color[r] = 2;
            topo.push_back(r);
        };
        for (auto& rs : lib->rulesets)
            if (color[rs.get()] == 0) visit(rs.get());
        for (auto& rs : lib->rulesets) {  // bases in declaration order, cut edges removed
            rs->bases.clear();
            for (auto& [b, w] : edges[rs.get()])
                if (b) rs->bases.push_back(b);
        }
    }
    // ancestors, nearest first (BFS)
    for (auto& rs : lib->rulesets) {
        std::vector<const Ruleset*> queue(rs->bases.begin(), rs->bases.end());
        for (std::size_t i = 0; i < queue.size(); ++i) {
            const Ruleset* a = queue[i];
            if (std::find(rs->ancestors.begin(), rs->ancestors.end(), a) != rs->ancestors.end()) continue;
            rs->ancestors.push_back(a);
            for (auto* b : a->bases) queue.push_back(b);
        }
    }
    for (auto& rs : lib->rulesets)
        for (auto* a : rs->ancestors)
            if (poisoned.count(a)) poisoned.insert(rs.get());
    return ln;
}

}  // namespace nianbao::rules::detail::sema
