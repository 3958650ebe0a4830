// The lists (and scopes) of the report that rules iterate over with `for`:
// numbering_issues(SCOPE?), headings(LEVEL?), extra_headings(LEVEL), and of a
// bound table rows(T, G?), columns(T, G?) and cells(T).  (sections, the list of
// declared sections, is a name: names.cpp.)
#include <algorithm>
#include <cmath>

#include "eval/evaluator.hpp"

namespace nianbao::eval {

Value Evaluator::collection(const rules::Expr& e, rules::Builtin id) {
    switch (id) {
        case rules::Builtin::numbering_issues: {
            std::vector<Span> spans;
            bool scoped = false;
            if (!e.args.empty()) {
                Value s = arg(e, 0);
                std::string standalone, reason;
                bool has_standalone = false;
                if (!region_of(s, spans, standalone, has_standalone, reason)) return Value::missing(reason);
                scoped = true;
            }
            Value l;
            l.kind = Kind::list;
            for (const auto& issue : doc_.numbering_issues) {
                if (issue.heading < 0) continue;
                const auto& h = doc_.headings[static_cast<std::size_t>(issue.heading)];
                if (scoped && std::none_of(spans.begin(), spans.end(), [&](Span s) {
                        return h.marker.begin >= s.begin && h.marker.begin < s.end;
                    }))
                    continue;
                Value rec;
                rec.kind = Kind::record;
                rec.place = h.marker;
                rec.fields.emplace_back("kind", Value::string(issue.kind));
                rec.fields.emplace_back("found", Value::string(issue.found, h.marker));
                // write the expected marker with the brackets the report itself uses
                std::string expected = issue.expected;
                Span msrc = doc_.to_source(h.marker);
                std::string_view written = std::string_view(doc_.source->text()).substr(msrc.begin, msrc.size());
                if (written.find("\xEF\xBC\x88") != std::string_view::npos) {  // （
                    std::string wide;
                    for (char c : expected) wide += c == '(' ? "\xEF\xBC\x88" : c == ')' ? "\xEF\xBC\x89" : std::string(1, c);
                    expected = wide;
                }
                rec.fields.emplace_back("expected", Value::string(expected));
                rec.fields.emplace_back("text", string_at(Span{h.marker.begin, h.title.end}));
                l.items.push_back(std::move(rec));
            }
            return l;
        }
        case rules::Builtin::extra_headings:
        case rules::Builtin::headings: {
            std::optional<int> level;
            if (!e.args.empty()) {
                Value lv = arg(e, 0);
                if (lv.is_missing()) return lv;
                level = static_cast<int>(std::lround(lv.num));
            }
            std::vector<bool> bound(doc_.headings.size(), false);
            for (const auto& b : bindings_)
                if (b.heading >= 0) bound[static_cast<std::size_t>(b.heading)] = true;
            Value l;
            l.kind = id == rules::Builtin::headings ? Kind::scope : Kind::list;
            for (std::size_t i = 0; i < doc_.headings.size(); ++i) {
                const auto& h = doc_.headings[i];
                if (level && !(h.level == *level || (*level == 1 && h.level == 0))) continue;
                Span line{h.marker.begin, h.text.end};
                if (id == rules::Builtin::headings) {
                    l.scope.push_back(line);
                    continue;
                }
                if (bound[i]) continue;
                // a table's row label or group header written as a heading (a conversion's "### 一、…")
                if (std::any_of(tables_.begin(), tables_.end(),
                                [&](const BoundTable& t) { return heading_in_table(doc_, t, h); }))
                    continue;
                Value rec;
                rec.kind = Kind::record;
                rec.place = line;
                rec.fields.emplace_back("text", string_at(line));
                rec.fields.emplace_back("title", string_at(h.title));
                rec.fields.emplace_back("marker", string_at(h.marker));
                rec.fields.emplace_back("number", Value::number(h.number, h.marker));
                l.items.push_back(std::move(rec));
            }
            return l;
        }
        case rules::Builtin::rows:
        case rules::Builtin::columns: {
            Value t = arg(e, 0);
            if (t.is_missing()) return t;
            if (t.kind != Kind::table) return Value::missing(e.text + "() 需要表格");
            std::vector<int> picked;
            bool group = false;
            std::string err;
            if (e.args.size() > 1) {
                bool ok = select(id == rules::Builtin::rows ? Axis::row : Axis::column, t.table, *e.args[1],
                                 picked, group, err);
                if (!ok) return Value::missing(err);
            } else {
                const auto& bt = tables_[static_cast<std::size_t>(t.table)];
                std::size_t n = id == rules::Builtin::rows ? bt.rows.size() : bt.decl->columns.size();
                for (std::size_t i = 0; i < n; ++i) picked.push_back(static_cast<int>(i));
            }
            Value l;
            l.kind = Kind::list;
            for (int i : picked)
                l.items.push_back(id == rules::Builtin::rows ? row_value(t.table, i) : column_value(t.table, i));
            return l;
        }
        case rules::Builtin::cells: {
            Value t = arg(e, 0);
            if (t.is_missing()) return t;
            if (t.kind != Kind::table) return Value::missing("cells() 需要表格");
            const auto& bt = tables_[static_cast<std::size_t>(t.table)];
            Value l;
            l.kind = Kind::list;
            for (std::size_t r = 0; r < bt.rows.size(); ++r) {
                const auto& rd = *bt.rows[r].decl;
                for (std::size_t c = 0; c < bt.decl->columns.size(); ++c) {
                    bool in_row = rd.columns.empty() ||
                                  std::any_of(rd.columns.begin(), rd.columns.end(),
                                              [&](const auto& m) { return m.first == bt.decl->columns[c].name; });
                    if (in_row) l.items.push_back(cell_value(t.table, static_cast<int>(r), static_cast<int>(c)));
                }
            }
            return l;
        }
        default: break;
    }
    return Value::missing("未实现 " + e.text);
}

}  // namespace nianbao::eval
