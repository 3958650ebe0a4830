// Pass 7: fact cycles.  Per effective fact set (each rule set's, and that of
// a file without a rule set), a fact whose value refers, through other
// facts, to itself is R207, each cycle once.  Runs after pass 5, which marks
// table entry names (Expr::table_name) so that they are not taken for facts.
#include <algorithm>

#include "grammar/sema_passes.hpp"

namespace nianbao::rules::detail::sema {

namespace {
// Collects the facts an expression refers to by name.
void fact_refs(const Expr& e, std::vector<std::string>& out) {
    if (e.kind == ExprKind::ident && e.table_name == Expr::TableName::none) out.push_back(e.text);
    for (const auto& a : e.args)
        if (a) fact_refs(*a, out);
}
}  // namespace

void check_fact_cycles(const RuleLibrary& library, const Linked& ln, const std::vector<bool>& broken, Diags& diags) {
    const RuleLibrary* lib = &library;
    const std::size_t nfiles = lib->files.size();
    const auto& set_of_file = ln.set_of_file;
    const auto& poisoned = ln.poisoned;
    std::set<std::set<const FactDecl*>> reported;
    auto run = [&](const std::map<std::string, const FactDecl*>& facts) {
        std::map<const FactDecl*, int> color;
        std::vector<const FactDecl*> stack;
        // depth-first, with an explicit stack: a chain of thousands of facts must not overflow
        struct Frame {
            const FactDecl* fact;
            std::vector<std::string> refs;
            std::size_t next = 0;
        };
        auto visit = [&](const FactDecl* root) {
            std::vector<Frame> frames;
            auto enter = [&](const FactDecl* f) {
                color[f] = 1;
                stack.push_back(f);
                frames.push_back(Frame{f, {}, 0});
                if (f->value) fact_refs(*f->value, frames.back().refs);
            };
            enter(root);
            while (!frames.empty()) {
                Frame& fr = frames.back();
                if (fr.next == fr.refs.size()) {
                    color[fr.fact] = 2;
                    stack.pop_back();
                    frames.pop_back();
                    continue;
                }
                const std::string n = fr.refs[fr.next++];
                auto it = facts.find(n);
                if (it == facts.end()) continue;
                const FactDecl* g = it->second;
                if (color[g] == 1) {
                    auto from = std::find(stack.begin(), stack.end(), g);
                    std::set<const FactDecl*> members(from, stack.end());
                    if (reported.insert(members).second) {
                        std::string cyc;
                        for (auto k = from; k != stack.end(); ++k) cyc += (*k)->name + " → ";
                        cyc += g->name;
                        diags.push_back(make_diag(Err::fact_cycle, {cyc}, g->name_where));
                    }
                } else if (color[g] == 0) {
                    enter(g);
                }
            }
        };
        for (const auto& [n, f] : facts)
            if (color[f] == 0) visit(f);
    };
    for (auto& rs : lib->rulesets)
        if (!poisoned.count(rs.get())) run(rs->facts);
    for (std::size_t i = 0; i < nfiles; ++i)
        if (!broken[i] && !set_of_file[i] && !lib->files[i]->ruleset) {
            std::map<std::string, const FactDecl*> own;
            for (auto& x : lib->files[i]->facts) own.emplace(x.name, &x);
            run(own);
        }
}

}  // namespace nianbao::rules::detail::sema
