// What rules ask of other reports (eval/links.hpp): previous(X) and
// children(X) evaluate X in another report, with its own evaluator, and bring
// the value back marked as that report's (Value::report), so that a finding
// names both places; similarity, shared passages and similar reports compare
// texts; others and mentions find another agency's name in this report.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/utf8.hpp"
#include "eval/evaluator.hpp"
#include "eval/passages.hpp"

namespace nianbao::eval {

using rules::Builtin;
using rules::Expr;

Evaluator::~Evaluator() = default;

ReportIdentity Evaluator::identity() {
    if (links_ && links_->self().known()) return links_->self();
    ReportIdentity id;
    Value a = fact("agency");
    if (a.kind == Kind::string) id.agency = options_ ? options_->canonical_agency(a.str) : a.str;
    Value y = fact("year");
    if (y.kind == Kind::number && y.num >= 1 && y.num <= 9999) id.year = static_cast<int>(std::lround(y.num));
    return id;
}

// A value of this report, as the same thing in `to`'s report: tables, rows,
// columns, cells and sections by their names; other values as they are.
Value Evaluator::carry(const Value& v, const Evaluator& to) const {
    auto table_in = [&](int t) {
        const std::string& name = tables_[static_cast<std::size_t>(t)].decl->name;
        for (std::size_t i = 0; i < to.tables_.size(); ++i)
            if (to.tables_[i].decl->name == name) return static_cast<int>(i);
        return -1;
    };
    auto row_in = [&](int t, int r, int t2) {
        const std::string& name = tables_[static_cast<std::size_t>(t)].rows[static_cast<std::size_t>(r)].decl->name;
        const auto& rows = to.tables_[static_cast<std::size_t>(t2)].rows;
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (rows[i].decl->name == name) return static_cast<int>(i);
        return -1;
    };
    auto column_in = [&](int t, int c, int t2) {
        const std::string& name = tables_[static_cast<std::size_t>(t)].decl->columns[static_cast<std::size_t>(c)].name;
        const auto& cols = to.tables_[static_cast<std::size_t>(t2)].decl->columns;
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (cols[i].name == name) return static_cast<int>(i);
        return -1;
    };
    if (v.report != 0) return Value::missing("其他报告的值不能再带入另一报告");
    Value out = v;
    out.place.reset();
    switch (v.kind) {
        case Kind::table:
        case Kind::row:
        case Kind::column: {
            int t2 = table_in(v.table);
            if (t2 < 0) return Value::missing("该报告没有表格“" + tables_[static_cast<std::size_t>(v.table)].decl->name + "”");
            out.table = t2;
            if (v.kind == Kind::row && (out.row = row_in(v.table, v.row, t2)) < 0) return Value::missing("该报告的表格没有这一行");
            if (v.kind == Kind::column && (out.column = column_in(v.table, v.column, t2)) < 0)
                return Value::missing("该报告的表格没有这一列");
            return out;
        }
        case Kind::section: {
            const std::string& name = bindings_[static_cast<std::size_t>(v.section)].decl->name;
            for (std::size_t i = 0; i < to.bindings_.size(); ++i)
                if (to.bindings_[i].decl->name == name) {
                    out.section = static_cast<int>(i);
                    return out;
                }
            return Value::missing("该报告的规则集没有章节“" + name + "”");
        }
        case Kind::scope: return Value::missing("本报告的文字范围不能带入其他报告");
        case Kind::list:
            out.items.clear();
            for (const auto& it : v.items) out.items.push_back(carry(it, to));
            return out;
        default:
            if (v.cell_state >= 0) {  // a cell's value: a number, or missing with its reason
                out.table = out.row = out.column = -1;
                out.cell_state = -1;
            }
            return out;
    }
}

// Marks a value (and what it holds) as the k-th held report's.  Tables, rows,
// columns and sections cannot be used outside their report; a cell keeps the
// labels of its row and column in `str` for the related location.
void Evaluator::tag(Value& v, int k) const {
    const Evaluator& from = *held_ev_[static_cast<std::size_t>(k - 1)];
    if (v.kind == Kind::table || v.kind == Kind::row || v.kind == Kind::column || v.kind == Kind::section) {
        v = Value::missing(std::string(to_string(v.kind)) + " 只能在其所属的报告中使用：请在 previous()/children() 之内取其成员或单元格");
        return;
    }
    if (v.cell_state >= 0 && v.table >= 0 && !v.is_missing())
        v.str = "“" + from.short_row_label(v.table, v.row) + "”“" + from.column_label(v.table, v.column) + "”";
    v.table = v.row = v.column = -1;
    v.report = k;
    for (auto& it : v.items) tag(it, k);
    for (auto& [name, f] : v.fields) tag(f, k);
}

void Evaluator::note_foreign(const Value& v) {
    auto add = [&](Related r) {
        if (std::none_of(related.begin(), related.end(), [&](const Related& o) {
                return o.path == r.path && o.pos.line == r.pos.line && o.pos.column == r.pos.column;
            }))
            related.push_back(std::move(r));
    };
    if (v.report < 0) return add(far_[static_cast<std::size_t>(-v.report - 1)]);
    const auto& rep = *held_[static_cast<std::size_t>(v.report - 1)];
    Span src = rep.doc.to_source(*v.place);
    Related r{rep.source->path(), rep.source->locate(src.begin), rep.source->origin(src.begin),
              rep.id.label() + "报告" +
                  (v.kind == Kind::number && !v.str.empty() ? "：" + v.str + "为" + render_number(v.num) : std::string())};
    add(std::move(r));
}

Value Evaluator::in_report(const std::shared_ptr<const LoadedReport>& rep, const Expr& e, const std::string& label) {
    std::size_t k = 0;
    while (k < held_.size() && held_[k] != rep) ++k;
    if (k == held_.size()) {
        // the rule set to evaluate in: this one, one derived from it or one it derives from, else the first
        const BoundRuleset* chosen = nullptr;
        for (const auto& b : rep->rulesets)
            if (b.ruleset == &rs_ || b.ruleset->derives_from(&rs_) || rs_.derives_from(b.ruleset)) {
                chosen = &b;
                break;
            }
        if (!chosen && !rep->rulesets.empty()) chosen = &rep->rulesets.front();
        if (!chosen) return Value::missing(label + "没有适用的规则集");
        held_.push_back(rep);
        held_ev_.push_back(std::make_unique<Evaluator>(rep->doc, *chosen->ruleset, chosen->sections, chosen->tables,
                                                       options_, nullptr));
    }
    Evaluator& other = *held_ev_[k];
    other.locals.clear();
    for (const auto& [name, v] : locals) other.locals.emplace_back(name, carry(v, other));
    other.begin_item();
    Value v = other.eval(e);
    other.locals.clear();
    if (v.is_missing()) {
        Value m = Value::missing(label + "：" + v.str);
        m.report = static_cast<int>(k + 1);
        return m;
    }
    tag(v, static_cast<int>(k + 1));
    return v;
}

bool Evaluator::text_of(const Value& v, std::string& out, std::string& reason) const {
    if (v.is_missing()) {
        reason = v.str;
        return false;
    }
    const Document& d = v.report > 0 ? held_[static_cast<std::size_t>(v.report - 1)]->doc : doc_;
    if (v.kind == Kind::scope) {
        for (const auto& s : v.scope) out += d.view_text(s);
        return true;
    }
    if (v.kind == Kind::string) {
        out = v.str;
        return true;
    }
    if (v.kind == Kind::list) {
        for (const auto& it : v.items)
            if (!text_of(it, out, reason)) return false;
        return true;
    }
    reason = std::string(to_string(v.kind)) + " 不是文字";
    return false;
}

Value Evaluator::cross(const Expr& e, Builtin id) {
    switch (id) {
        case Builtin::previous: {
            ReportIdentity me = identity();
            if (me.agency.empty()) return Value::missing("本报告的机关不明，无法找到其上年报告");
            if (me.year <= 0) return Value::missing("本报告的年度不明，无法找到其上年报告");
            ReportIdentity want{me.agency, me.year - 1};
            std::string why;
            auto rep = links_ ? links_->report(want, why) : nullptr;
            if (!rep) {
                absent_report = true;
                return Value::missing(links_ ? why : "只检查了本报告，没有" + want.label() + "的报告");
            }
            return in_report(rep, *e.args[0], want.label() + "报告");
        }
        case Builtin::children: {
            ReportIdentity me = identity();
            if (me.year <= 0) return Value::missing("本报告的年度不明，无法找到下级机关的报告");
            std::vector<std::string> kids = links_ ? links_->children() : std::vector<std::string>{};
            Value l;
            l.kind = Kind::list;  // no agency configured below this one: an empty list
            std::vector<std::string> absent;
            for (const auto& kid : kids) {
                ReportIdentity cid{kid, me.year};
                std::string why;
                auto rep = links_->report(cid, why);
                if (!rep) {
                    absent.push_back(kid);
                    continue;
                }
                Value v = in_report(rep, *e.args[0], cid.label() + "报告");
                if (v.is_missing()) return v;
                Value rec;
                rec.kind = Kind::record;
                rec.place = v.place;
                rec.report = v.report;
                rec.fields.emplace_back("agency", Value::string(kid));
                rec.fields.emplace_back("text", Value::string(kid + "：" + render(v, doc_)));
                rec.fields.emplace_back("value", v);
                l.items.push_back(std::move(rec));
            }
            if (!absent.empty()) {
                absent_report = true;
                std::string names;
                for (const auto& a : absent) names += (names.empty() ? "" : "、") + a;
                return Value::missing(fmt::format("没有下级机关{}的{}年报告", names, me.year));
            }
            return l;
        }
        case Builtin::similarity: {
            std::string a, b, why;
            if (!text_of(arg(e, 0), a, why) || !text_of(arg(e, 1), b, why)) return Value::missing(why);
            return Value::number(containment(shingles_of(a), shingles_of(b)));
        }
        case Builtin::shared_passages: {
            Value a = arg(e, 0), b = arg(e, 1);
            if (a.is_missing()) return a;
            if (b.is_missing()) return b;
            if (a.kind != Kind::scope || b.kind != Kind::scope || a.report != 0)
                return Value::missing("shared_passages() 的参数应为本报告和另一报告的文字范围");
            const Document& bd = b.report > 0 ? held_[static_cast<std::size_t>(b.report - 1)]->doc : doc_;
            auto inside = [](const std::vector<Span>& scope, Span s) {
                return std::any_of(scope.begin(), scope.end(), [&](Span r) { return s.begin >= r.begin && s.end <= r.end; });
            };
            std::unordered_map<std::uint64_t, Span> theirs;
            for (const auto& p : passages_of(bd))
                if (inside(b.scope, p.view)) theirs.emplace(p.hash, p.view);
            Value l;
            l.kind = Kind::list;
            for (const auto& p : passages_of(doc_)) {
                if (!inside(a.scope, p.view)) continue;
                auto it = theirs.find(p.hash);
                if (it == theirs.end()) continue;
                Value rec;
                rec.kind = Kind::record;
                rec.place = p.view;
                rec.fields.emplace_back("text", string_at(p.view));
                Value other = Value::string(std::string(bd.view_text(it->second)), it->second);
                other.report = b.report;
                rec.fields.emplace_back("other", other);
                if (l.items.empty()) {
                    l.place = p.view;
                    if (b.report > 0) note_foreign(other);
                }
                l.items.push_back(std::move(rec));
            }
            return l;
        }
        case Builtin::same: {
            // item by item: equal numbers, or the same state where neither is a number (both blank, both unread)
            Value a = arg(e, 0), b = arg(e, 1);
            if (a.is_missing() && a.cell_state < 0) return a;
            if (b.is_missing() && b.cell_state < 0) return b;
            std::vector<Value> x = a.kind == Kind::list ? a.items : std::vector<Value>{a};
            std::vector<Value> y = b.kind == Kind::list ? b.items : std::vector<Value>{b};
            if (x.size() != y.size()) return Value::boolean(false);
            for (std::size_t i = 0; i < x.size(); ++i) {
                const bool xn = x[i].kind == Kind::number, yn = y[i].kind == Kind::number;
                if (xn != yn) return Value::boolean(false);
                if (xn ? x[i].num != y[i].num : x[i].cell_state != y[i].cell_state || x[i].cell_state < 0)
                    return Value::boolean(false);
            }
            for (const auto& v : y) note_place(v);
            return Value::boolean(true);
        }
        case Builtin::similar_reports: return similar_reports(e);
        case Builtin::others: {
            Value f = arg(e, 0);
            if (f.kind != Kind::string) return f.is_missing() ? f : Value::missing("others() 的参数应为事实名（文字）");
            // a report checked alone is a batch with no other agency
            Value l;
            l.kind = Kind::list;
            if (links_)
                for (auto& s : links_->others(f.str)) l.items.push_back(Value::string(std::move(s)));
            return l;
        }
        case Builtin::mentions: return mentions(e);
        default: return Value::missing("未知函数 " + e.text);
    }
}

// similar_reports(N): records {agency, year, file, similarity, percent, shared, text}, placed at the
// first passage both reports have (else the first line), the other report's passage its related place.
Value Evaluator::similar_reports(const Expr& e) {
    Value n = arg(e, 0);
    if (n.kind != Kind::number) return n.is_missing() ? n : Value::missing("similar_reports() 的参数应为0到1之间的数");
    Value l;
    l.kind = Kind::list;
    if (!links_) return l;  // a report checked alone is a batch with no other agency
    for (const auto& s : links_->similar(doc_, n.num)) {
        Value rec;
        rec.kind = Kind::record;
        rec.fields.emplace_back("agency", Value::string(s.id.agency));
        rec.fields.emplace_back("year", Value::number(s.id.year));
        rec.fields.emplace_back("file", Value::string(s.path));
        rec.fields.emplace_back("similarity", Value::number(s.similarity));
        rec.fields.emplace_back("percent", Value::number(std::round(s.similarity * 100)));
        rec.fields.emplace_back("shared", Value::number(static_cast<double>(s.shared.size())));
        if (!s.shared.empty()) {
            rec.place = s.shared.front().here;
            rec.fields.emplace_back("text", string_at(s.shared.front().here));
            const auto& first = s.shared.front();
            far_.push_back(Related{s.path, first.there, first.there_origin, s.id.label() + "报告中的同一句"});
            rec.report = -static_cast<int>(far_.size());
        } else {
            rec.fields.emplace_back("text", Value::string(s.id.label() + "报告"));
        }
        l.items.push_back(std::move(rec));
    }
    return l;
}

// mentions(LIST, SCOPE): where the strings of LIST occur in SCOPE, each place
// once (the longest string at a place), in text order.
Value Evaluator::mentions(const Expr& e) {
    Value names = arg(e, 0), scope = arg(e, 1);
    if (names.is_missing()) return names;
    std::vector<Span> spans;
    std::string standalone, reason;
    bool has_standalone = false;
    if (!region_of(scope, spans, standalone, has_standalone, reason)) return Value::missing(reason);
    if (has_standalone) return Value::missing("mentions() 的查找范围应为报告的文字");
    // every name in a hash set; each place of the text is looked up at each
    // of the names' lengths, longest first: linear in the text, not in the names
    std::unordered_set<std::string_view> wanted;
    std::vector<std::size_t> lengths;
    std::vector<Value> items = names.kind == Kind::list ? names.items : std::vector<Value>{names};
    for (const auto& it : items)
        if (it.kind == Kind::string && it.str.size() >= 4) {
            wanted.insert(it.str);
            if (std::find(lengths.begin(), lengths.end(), it.str.size()) == lengths.end()) lengths.push_back(it.str.size());
        }
    std::sort(lengths.rbegin(), lengths.rend());
    Value l;
    l.kind = Kind::list;
    const std::string_view text = doc_.view.text();
    std::vector<Span> found;
    for (Span s : spans) {
        for (std::size_t at = s.begin; at < s.end;) {
            std::size_t matched = 0;
            for (std::size_t len : lengths) {
                if (at + len > s.end) continue;
                if (wanted.count(text.substr(at, len))) {
                    matched = len;
                    break;
                }
            }
            if (matched) {
                found.push_back(Span{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + matched)});
                at += matched;
            } else {
                utf8::next(text, at);
            }
        }
    }
    // one record per name: its first place, and how many times it occurs
    std::sort(found.begin(), found.end(), [](Span a, Span b) { return a.begin < b.begin; });
    std::vector<std::pair<std::string, std::vector<Span>>> by_name;
    for (Span hit : found) {
        std::string name(text.substr(hit.begin, hit.size()));
        auto it = std::find_if(by_name.begin(), by_name.end(), [&](const auto& x) { return x.first == name; });
        if (it == by_name.end()) by_name.emplace_back(name, std::vector<Span>{hit});
        else it->second.push_back(hit);
    }
    for (const auto& [name, hits] : by_name) {
        Value rec;
        rec.kind = Kind::record;
        rec.place = hits.front();
        rec.fields.emplace_back("text", string_at(hits.front()));
        rec.fields.emplace_back("count", Value::number(static_cast<double>(hits.size())));
        l.items.push_back(std::move(rec));
    }
    return l;
}

}  // namespace nianbao::eval

namespace nianbao {

namespace {

bool reaches_reports(const rules::Expr* e, const rules::Ruleset& rs, std::set<std::string>& facts_seen, int depth) {
    if (!e || depth > rules::kMaxExprHeight + 10) return false;
    if (e->kind == rules::ExprKind::call) {
        if (const auto* b = rules::find_builtin(e->text)) {
            switch (b->id) {
                case rules::Builtin::previous:
                case rules::Builtin::children:
                case rules::Builtin::similar_reports:
                case rules::Builtin::others: return true;
                default: break;
            }
        }
    }
    if (e->kind == rules::ExprKind::ident) {
        if (auto it = rs.facts.find(e->text); it != rs.facts.end() && facts_seen.insert(e->text).second)
            if (reaches_reports(it->second->value.get(), rs, facts_seen, 0)) return true;
    }
    for (const auto& a : e->args)
        if (reaches_reports(a.get(), rs, facts_seen, depth + 1)) return true;
    return false;
}

}  // namespace

bool compares_reports(const rules::RuleDecl& rule, const rules::Ruleset& rs) {
    std::set<std::string> seen;
    if (reaches_reports(rule.loop.get(), rs, seen, 0) || reaches_reports(rule.check.get(), rs, seen, 0) ||
        reaches_reports(rule.at.get(), rs, seen, 0))
        return true;
    for (const auto& w : rule.when)
        if (reaches_reports(w.get(), rs, seen, 0)) return true;
    for (const auto& l : rule.lets)
        if (reaches_reports(l.value.get(), rs, seen, 0)) return true;
    return false;
}

bool compares_reports(const rules::RuleLibrary& library) {
    for (const auto& rs : library.rulesets)
        for (const auto* rule : rs->rules)
            if (compares_reports(*rule, *rs)) return true;
    return false;
}

}  // namespace nianbao
