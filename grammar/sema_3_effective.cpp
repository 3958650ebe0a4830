// Pass 3: the effective declarations of every rule set.  First, in each
// file, a fact, section or table name declared twice (R402) and a rule id
// declared twice (R401): the second declaration is ignored.  Then, bases
// before derived sets: inherited facts, sections (sorted by number; two
// sections with one number, R412), tables and rules, an own declaration
// replacing an inherited one of its name; `drop` removes inherited rules
// (R504, a warning, for one not inherited).
#include <algorithm>
#include <tuple>

#include "grammar/sema_passes.hpp"

namespace nianbao::rules::detail::sema {

void resolve_effective(RuleLibrary& library, const Linked& ln, Diags& diags) {
    RuleLibrary* lib = &library;
    const std::size_t nfiles = lib->files.size();
    const auto& set_of_file = ln.set_of_file;
    const auto& file_of_set = ln.file_of_set;
    const auto& poisoned = ln.poisoned;
    const auto& topo = ln.topo;
    std::vector<std::set<const void*>> shadowed(nfiles);  // second declarations of a name in one file
    for (std::size_t i = 0; i < nfiles; ++i) {
        RuleFile& f = *lib->files[i];
        struct Seen { const char* kind; const Where* w; };
        std::map<std::string, Seen> names;
        // in file order: facts, sections and tables share one namespace
        std::vector<std::tuple<std::uint32_t, const char*, const std::string*, const Where*, const void*>> decls;
        for (auto& x : f.facts) decls.emplace_back(x.where.span.begin, "fact", &x.name, &x.name_where, &x);
        for (auto& x : f.sections) decls.emplace_back(x.where.span.begin, "section", &x.name, &x.name_where, &x);
        for (auto& x : f.tables) decls.emplace_back(x.where.span.begin, "table", &x.name, &x.name_where, &x);
        std::sort(decls.begin(), decls.end(), [](auto& a, auto& b) { return std::get<0>(a) < std::get<0>(b); });
        for (auto& [at, kind, name, w, ptr] : decls) {
            auto [it, fresh] = names.emplace(*name, Seen{kind, w});
            if (!fresh) {
                diags.push_back(make_diag(Err::duplicate_name, {*name, it->second.kind, std::to_string(it->second.w->pos().line)}, *w));
                shadowed[i].insert(ptr);
            }
        }
        std::map<std::string, const Where*> ids;
        for (auto& r : f.rules) {
            auto [it, fresh] = ids.emplace(r.id, &r.name_where);
            if (!fresh) {
                diags.push_back(make_diag(Err::duplicate_rule, {r.id, std::to_string(it->second->pos().line)}, r.name_where));
                shadowed[i].insert(&r);
            }
        }
    }
    std::map<const void*, const Ruleset*> owner;
    for (std::size_t i = 0; i < nfiles; ++i)
        if (Ruleset* rs = set_of_file[i]) {
            for (auto& x : lib->files[i]->facts) owner[&x] = rs;
            for (auto& x : lib->files[i]->sections) owner[&x] = rs;
            for (auto& x : lib->files[i]->tables) owner[&x] = rs;
            for (auto& x : lib->files[i]->rules) owner[&x] = rs;
        }
    auto more_derived = [&](const void* cand, const void* cur) {
        const Ruleset* a = owner[cand];
        const Ruleset* b = owner[cur];
        return a && b && a != b && a->derives_from(b);
    };
    for (Ruleset* rs : topo) {
        const std::size_t fi = file_of_set.at(rs);
        RuleFile& f = *lib->files[fi];
        // facts
        for (const Ruleset* b : rs->bases)
            for (const auto& [n, fd] : b->facts) {
                auto [it, fresh] = rs->facts.emplace(n, fd);
                if (!fresh && more_derived(fd, it->second)) it->second = fd;
            }
        for (auto& x : f.facts)
            if (!shadowed[fi].count(&x)) rs->facts[x.name] = &x;
        // sections
        std::vector<const SectionDecl*> secs;
        auto put_section = [&](const SectionDecl* s, bool own) {
            for (auto& cur : secs)
                if (cur->name == s->name) {
                    if (own || more_derived(s, cur)) cur = s;
                    return;
                }
            secs.push_back(s);
        };
        for (const Ruleset* b : rs->bases)
            for (const SectionDecl* s : b->sections) put_section(s, false);
        for (auto& x : f.sections)
            if (!shadowed[fi].count(&x)) put_section(&x, true);
        std::stable_sort(secs.begin(), secs.end(), [](auto* a, auto* b) { return a->number < b->number; });
        rs->sections = secs;
        for (std::size_t k = 1; k < secs.size(); ++k)
            if (secs[k]->number == secs[k - 1]->number && secs[k]->number > 0 &&
                (owner[secs[k]] == rs || owner[secs[k - 1]] == rs)) {
                const SectionDecl* later = owner[secs[k]] == rs ? secs[k] : secs[k - 1];
                const SectionDecl* other = later == secs[k] ? secs[k - 1] : secs[k];
                diags.push_back(make_diag(Err::duplicate_section_number,
                                          {other->name, later->name, std::to_string(later->number), rs->decl->name},
                                          later->name_where));
            }
        // tables: declaration order, bases first; an own table replaces an inherited one of that name
        std::vector<const TableDecl*> tables;
        auto put_table = [&](const TableDecl* t, bool own) {
            for (auto& cur : tables)
                if (cur->name == t->name) {
                    if (own || more_derived(t, cur)) cur = t;
                    return;
                }
            tables.push_back(t);
        };
        for (const Ruleset* b : rs->bases)
            for (const TableDecl* t : b->tables) put_table(t, false);
        for (auto& x : f.tables)
            if (!shadowed[fi].count(&x)) put_table(&x, true);
        rs->tables = std::move(tables);
        // rules
        std::vector<const RuleDecl*> rules;
        auto put_rule = [&](const RuleDecl* r, bool own) {
            for (auto& cur : rules)
                if (cur->id == r->id) {
                    if (own || more_derived(r, cur)) cur = r;
                    return;
                }
            rules.push_back(r);
        };
        for (const Ruleset* b : rs->bases)
            for (const RuleDecl* r : b->rules) put_rule(r, false);
        std::vector<std::string> inherited;
        for (auto* r : rules) inherited.push_back(r->id);
        for (auto& x : f.rules)
            if (!shadowed[fi].count(&x)) put_rule(&x, true);
        for (const auto& [id, where] : rs->decl->drops) {
            if (poisoned.count(rs)) break;  // its bases are incomplete
            if (std::find(inherited.begin(), inherited.end(), id) == inherited.end()) {
                diags.push_back(make_diag(Err::drop_not_inherited, {id, rs->decl->name, did_you_mean(id, inherited)}, where));
                continue;
            }
            rules.erase(std::remove_if(rules.begin(), rules.end(), [&](auto* r) { return r->id == id; }), rules.end());
        }
        rs->rules = std::move(rules);
    }
}

}  // namespace nianbao::rules::detail::sema
