// Driving the evaluation of one report: which rule sets apply, running each
// rule (its let/when clauses in order, over its `for` items, then its check),
// and assembling the result: rule sets, tables as bound, facts, findings.
// The expressions are evaluated by eval/evaluator.hpp; findings are placed
// and written by eval/findings.hpp.
#include "eval/checker.hpp"

#include <algorithm>
#include <set>

#include "eval/evaluator.hpp"
#include "eval/findings.hpp"
#include "eval/links.hpp"

namespace nianbao {

std::size_t ReportResult::count(Severity s) const {
    return static_cast<std::size_t>(
        std::count_if(findings.begin(), findings.end(), [s](const Finding& f) { return f.severity == s; }));
}

std::string ReportResult::fact(const std::string& name) const {
    for (const auto& [k, v] : facts)
        if (k == name) return v;
    return {};
}

namespace {

using eval::Evaluator;
using eval::Kind;
using eval::RunState;
using eval::Value;
using rules::Expr;

void run_rule(RunState& st, const rules::RuleDecl& rule, Evaluator& ev) {
    // clauses run in the order written
    struct Step {
        std::uint32_t at;
        const rules::LetClause* let;
        const Expr* when;
    };
    std::vector<Step> steps;
    for (const auto& l : rule.lets) steps.push_back({l.where.span.begin, &l, nullptr});
    for (const auto& w : rule.when) steps.push_back({w->where.span.begin, nullptr, w.get()});
    std::sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.at < b.at; });

    std::vector<Value> items;
    if (rule.loop && rule.loop_var) {
        ev.locals.clear();
        ev.begin_item();
        Value l = ev.eval(*rule.loop);
        if (l.is_missing()) {
            eval::emit(st, rule, ev, eval::first_line_span(st.doc), true, l.str);
            return;
        }
        if (l.kind == Kind::list) items = std::move(l.items);
        else items.push_back(std::move(l));
    } else {
        items.push_back(Value::missing(""));
    }

    for (auto& item : items) {
        ev.locals.clear();
        ev.begin_item();
        std::optional<Span> item_place = item.place;
        if (rule.loop_var) ev.locals.emplace_back(*rule.loop_var, item);
        bool skip = false;
        for (const auto& s : steps) {
            if (s.let) {
                ev.locals.emplace_back(s.let->name, ev.eval(*s.let->value));
                continue;
            }
            Value w = ev.eval(*s.when);
            bool miss = false;
            std::string reason;
            bool t = ev.truth(w, miss, reason);
            if (miss) {
                eval::emit(st, rule, ev, eval::place_missing_when(ev, item_place, st.doc), true, reason);
                skip = true;
                break;
            }
            if (!t) {
                skip = true;
                break;
            }
        }
        if (skip) continue;
        ev.blame.reset();
        ev.missing_blame.reset();
        bool failed = true;
        if (rule.check_kind != rules::CheckKind::report && rule.check) {
            Value c = ev.eval(*rule.check);
            bool miss = false;
            std::string reason;
            bool t = ev.truth(c, miss, reason);
            if (miss) {
                auto [place, at_cell] = eval::place_not_assessable(rule, ev, item_place, st.doc);
                eval::emit(st, rule, ev, place, true, reason, at_cell);
                continue;
            }
            failed = rule.check_kind == rules::CheckKind::require ? !t : t;
        }
        if (!failed) continue;
        auto [place, at_cell] = eval::place_failure(rule, ev, item_place, st.doc);
        eval::emit(st, rule, ev, place, false, {}, at_cell);
    }
}

ExtractedTable extract_table(const BoundTable& bt, const Document& doc, const SourceText& src, const std::string& rs,
                             const std::vector<SectionBinding>& sections) {
    ExtractedTable out;
    out.name = bt.decl->name;
    // the title of its section: the heading as found in the report, else as declared
    if (bt.decl->section) {
        for (const auto& b : sections) {
            if (b.decl->name != bt.decl->section->first) continue;
            if (b.heading >= 0) {
                const auto& h = doc.headings[static_cast<std::size_t>(b.heading)];
                out.title = std::string(doc.view_text(Span{h.marker.begin, h.text.end}));
            } else if (!b.decl->titles.empty()) {
                out.title = b.decl->titles.front().value;
            }
        }
    }
    out.ruleset = rs;
    out.found = bt.found;
    out.reason = bt.reason;
    auto pos = [&](Span view) {
        if (view.empty()) return LineCol{};
        return src.locate(doc.to_source(view).begin);
    };
    for (const auto& br : bt.rows) {
        ExtractedRow row;
        row.name = br.decl->name;
        row.label = br.decl->labels.empty() ? br.decl->name : br.decl->labels.front().value;
        row.found = br.found;
        row.match = br.match;
        row.problem = br.problem;
        if (br.found) row.pos = pos(br.label);
        std::vector<std::string> cols;
        if (br.decl->columns.empty())
            for (const auto& c : bt.decl->columns) cols.push_back(c.name);
        else
            for (const auto& c : br.decl->columns) cols.push_back(c.first);
        for (std::size_t i = 0; i < cols.size(); ++i) {
            ExtractedCell cell;
            cell.column = cols[i];
            cell.column_label = cols[i];
            for (const auto& c : bt.decl->columns)
                if (c.name == cols[i] && c.label) cell.column_label = c.label->value;
            if (i < br.cells.size()) {
                const auto& bc = br.cells[i];
                cell.state = std::string(to_string(bc.state));
                cell.value = bc.text;
                cell.number = bc.number;
                cell.note = bc.note;
                cell.unit = bc.unit;
                cell.pos = pos(bc.view);
            } else {
                cell.state = "unbound";
            }
            row.cells.push_back(std::move(cell));
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace

bool ruleset_applies(const rules::Ruleset& rs, const Document& doc, const std::vector<SectionBinding>& bindings) {
    if (!rs.decl->applies) return true;
    static const std::vector<BoundTable> kNoTables;
    Evaluator ev(doc, rs, bindings, kNoTables);
    Value v = ev.eval(*rs.decl->applies);
    bool miss = false;
    std::string reason;
    bool t = ev.truth(v, miss, reason);
    return !miss && t;
}

ReportFacts report_facts(const Document& doc, const std::vector<BoundRuleset>& rulesets, const CheckOptions& options) {
    ReportFacts out;
    std::set<std::string> seen;
    for (const auto& bound : rulesets) {
        Evaluator ev(doc, *bound.ruleset, bound.sections, bound.tables, &options);
        if (out.agency.empty() && out.year == 0) {
            ReportIdentity id = ev.identity();
            out.agency = id.agency;
            out.year = id.year;
        }
        for (const auto& [name, decl] : bound.ruleset->facts) {
            if (!seen.insert(name).second) continue;
            Value v = ev.fact(name);
            if (v.is_missing()) continue;
            out.facts.emplace_back(name, v.kind == Kind::string ? v.str : eval::render(v, doc));
        }
    }
    return out;
}

ReportResult evaluate(std::shared_ptr<const SourceText> source, const Document& doc,
                      const std::vector<BoundRuleset>& rulesets, const CheckOptions& options,
                      const ReportLinks* links) {
    ReportResult out;
    out.path = source->path();
    out.source = source;
    std::vector<Finding> findings;
    RunState st{doc, *source, findings, options};
    std::set<std::string> seen_facts, seen_tables;
    for (const auto& bound : rulesets) {
        const rules::Ruleset* rs = bound.ruleset;
        for (const auto& bt : bound.tables) {
            if (!seen_tables.insert(bt.decl->name).second) continue;
            out.tables.push_back(extract_table(bt, doc, *source, rs->decl->name, bound.sections));
        }
        out.formats.push_back(rs->decl->name);
        if (std::find(out.rulesets.begin(), out.rulesets.end(), rs->decl->name) == out.rulesets.end())
            out.rulesets.push_back(rs->decl->name);
        for (const auto* anc : rs->ancestors)
            if (std::find(out.rulesets.begin(), out.rulesets.end(), anc->decl->name) == out.rulesets.end())
                out.rulesets.push_back(anc->decl->name);
        Evaluator ev(doc, *rs, bound.sections, bound.tables, &options, links);
        const bool copy = links && !links->copy_of().empty();
        for (const auto* rule : rs->rules) {
            if (options.disabled.count(rule->id)) continue;
            if (copy && compares_reports(*rule, *rs)) continue;  // compared once, on the report's other file
            run_rule(st, *rule, ev);
            for (const auto& p : ev.limited_patterns) {
                PatternLimit lim{rule->id, p, rule->where.path(), rule->where.pos()};
                if (std::none_of(out.pattern_limits.begin(), out.pattern_limits.end(), [&](const PatternLimit& o) {
                        return o.rule == lim.rule && o.pattern == lim.pattern;
                    }))
                    out.pattern_limits.push_back(std::move(lim));
            }
            ev.limited_patterns.clear();
        }
        for (const auto& [name, decl] : rs->facts) {
            if (!seen_facts.insert(name).second) continue;
            Value v = ev.fact(name);
            if (v.is_missing()) continue;
            // facts are shown in their matching form (simplified, no glosses), so that reports group by them
            out.facts.emplace_back(name, v.kind == Kind::string ? v.str : eval::render(v, doc));
        }
    }
    // one finding per rule, place and message
    std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
        if (a.pos.column != b.pos.column) return a.pos.column < b.pos.column;
        if (a.rule != b.rule) return a.rule < b.rule;
        return a.message < b.message;
    });
    findings.erase(std::unique(findings.begin(), findings.end(),
                               [](const Finding& a, const Finding& b) {
                                   return a.rule == b.rule && a.span == b.span && a.message == b.message;
                               }),
                   findings.end());
    out.findings = std::move(findings);
    return out;
}

}  // namespace nianbao
