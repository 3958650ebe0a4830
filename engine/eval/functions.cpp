// The built-in functions of the rule language (grammar/builtins.hpp): call()
// dispatches on the builtin and implements those about scopes and lines
// (head, tail, body, text, line_of, line_before, line_after) and values
// (exists, date, sum, max, min, state, abs, round).  Searches are in pattern.cpp, the
// lists rules iterate over in collections.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "eval/evaluator.hpp"

namespace nianbao::eval {

using rules::Expr;

Value Evaluator::line_value(std::uint32_t view_offset, int delta) {
    const auto& lines = doc_.lines;
    if (lines.empty()) return Value::missing("空文档");
    auto it = std::upper_bound(lines.begin(), lines.end(), view_offset,
                               [](std::uint32_t off, const Line& l) { return off < l.view.begin; });
    long idx = static_cast<long>(it - lines.begin()) - 1;
    if (idx < 0) idx = 0;
    if (delta != 0) {
        long i = idx + delta;
        while (i >= 0 && i < static_cast<long>(lines.size()) && lines[static_cast<std::size_t>(i)].blank) i += delta;
        if (i < 0 || i >= static_cast<long>(lines.size())) return Value::missing(delta < 0 ? "没有上一行" : "没有下一行");
        idx = i;
    }
    return string_at(lines[static_cast<std::size_t>(idx)].view);
}

// max(LIST) / min(LIST): the first largest (smallest) element itself, so that
// it keeps its place and, a cell, which cell it is (`at max(…)` points there).
// Missing when the list is empty or any element is not a number: the reason is
// the first such element's (a cell's names the cell), the value has its place.
Value Evaluator::extreme(const Expr& e, bool largest) {
    Value l = arg(e, 0);
    if (l.is_missing()) return l;
    std::vector<Value> items = l.kind == Kind::list ? l.items : std::vector<Value>{l};
    if (items.empty()) return Value::missing(e.text + "()：列表为空");
    std::optional<std::size_t> chosen;
    std::size_t bad = 0;
    std::string first_reason;
    std::optional<Span> first_place;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Value& it = items[i];
        if (it.kind != Kind::number) {
            if (bad++ == 0) {
                first_reason = it.is_missing() ? it.str : fmt::format("第{}项“{}”不是数字", i + 1, render(it, doc_));
                first_place = it.place;
            }
            continue;
        }
        if (!chosen || (largest ? it.num > items[*chosen].num : it.num < items[*chosen].num)) chosen = i;
    }
    if (bad) {
        Value m = Value::missing(bad == 1 ? first_reason : fmt::format("{}项不是数字，如{}", bad, first_reason));
        m.place = first_place;
        return m;
    }
    return items[*chosen];
}

Value Evaluator::call(const Expr& e) {
    const auto* info = rules::find_builtin(e.text);
    if (!info) return Value::missing("未知函数 " + e.text);
    switch (info->id) {
        case rules::Builtin::first:
        case rules::Builtin::last:
        case rules::Builtin::all:
        case rules::Builtin::count: return search(e, info->id);
        case rules::Builtin::numbering_issues:
        case rules::Builtin::extra_headings:
        case rules::Builtin::headings:
        case rules::Builtin::rows:
        case rules::Builtin::columns:
        case rules::Builtin::cells: return collection(e, info->id);
        case rules::Builtin::previous:
        case rules::Builtin::children:
        case rules::Builtin::similarity:
        case rules::Builtin::shared_passages:
        case rules::Builtin::same:
        case rules::Builtin::similar_reports:
        case rules::Builtin::others:
        case rules::Builtin::mentions: return cross(e, info->id);
        case rules::Builtin::head:
        case rules::Builtin::tail: {
            Value n = arg(e, 0);
            if (n.is_missing()) return n;
            long want = std::lround(n.num);
            std::vector<const Line*> picked;
            if (info->id == rules::Builtin::head) {
                for (const auto& l : doc_.lines) {
                    if (static_cast<long>(picked.size()) >= want) break;
                    if (!l.blank) picked.push_back(&l);
                }
            } else {
                for (auto it = doc_.lines.rbegin(); it != doc_.lines.rend(); ++it) {
                    if (static_cast<long>(picked.size()) >= want) break;
                    if (!it->blank) picked.push_back(&*it);
                }
                std::reverse(picked.begin(), picked.end());
            }
            if (picked.empty()) return Value::of_scope({});
            return Value::of_scope({Span{picked.front()->view.begin, picked.back()->view.end}});
        }
        case rules::Builtin::body: {
            Value s = arg(e, 0);
            if (s.is_missing()) return s;
            if (s.kind != Kind::section) return Value::missing("body() 需要章节");
            const auto& b = bindings_[static_cast<std::size_t>(s.section)];
            if (b.heading < 0) return Value::missing("未找到章节“" + s.str + "”");
            return Value::of_scope({doc_.body(b.heading)});
        }
        case rules::Builtin::text: {
            Value v = arg(e, 0);
            if (v.is_missing()) return v;
            if (v.kind == Kind::section) {
                const auto& b = bindings_[static_cast<std::size_t>(v.section)];
                if (b.heading < 0) return Value::missing("未找到章节“" + v.str + "”");
                return string_at(doc_.extent(b.heading));
            }
            if (v.kind == Kind::scope) {
                Value s = Value::string(render(v, doc_));
                if (!v.scope.empty()) s.place = Span{v.scope.front().begin, v.scope.back().end};
                return s;
            }
            if (v.kind == Kind::record) {
                if (const Value* t = v.field("text")) return *t;
            }
            if (v.place) return string_at(*v.place);
            return Value::string(render(v, doc_));
        }
        case rules::Builtin::line_of:
        case rules::Builtin::line_before:
        case rules::Builtin::line_after: {
            Value v = arg(e, 0);
            if (v.is_missing()) return v;
            std::optional<Span> p = v.place;
            if (!p && v.kind == Kind::scope && !v.scope.empty()) p = v.scope.front();
            if (!p) return Value::missing("没有位置");
            int delta = info->id == rules::Builtin::line_of ? 0 : (info->id == rules::Builtin::line_before ? -1 : 1);
            return line_value(p->begin, delta);
        }
        case rules::Builtin::exists: {
            Value v = arg(e, 0);
            return Value::boolean(!v.is_missing() && !(v.kind == Kind::list && v.items.empty()));
        }
        case rules::Builtin::date: {
            Value y = arg(e, 0), m = arg(e, 1), d = arg(e, 2);
            for (const Value* p : {&y, &m, &d})
                if (p->is_missing()) return *p;
            if (!(y.num >= kMinYear && y.num <= kMaxYear))
                return Value::missing(fmt::format("年份超出范围（{}至{}年）", kMinYear, kMaxYear));
            if (auto date = make_date(y.num, m.num, d.num)) return Value::of_date(*date);
            return Value::missing("无效日期");
        }
        case rules::Builtin::sum: {
            Value l = arg(e, 0);
            if (l.is_missing()) return l;
            std::vector<Value> items = l.kind == Kind::list ? l.items : std::vector<Value>{l};
            if (e.args.size() > 1) {
                Value m = arg(e, 1);
                if (m.kind != Kind::string) return Value::missing("sum() 的第二个参数应为成员名");
                for (auto& it : items) it = member(it, m.str);
            }
            double total = 0;
            std::size_t bad = 0;
            std::string first_reason;
            std::optional<Span> first_place;
            for (const auto& it : items) {
                if (it.kind == Kind::number) {
                    total += it.num;
                    continue;
                }
                ++bad;
                if (first_reason.empty()) {
                    first_reason = it.is_missing() ? it.str : std::string(to_string(it.kind)) + " 不是数字";
                    first_place = it.place;
                }
            }
            if (bad) {
                Value m = Value::missing(bad == 1 ? first_reason
                                                  : fmt::format("{}个单元格不是数字，如{}", bad, first_reason));
                m.place = first_place;
                return m;
            }
            return Value::number(total);
        }
        case rules::Builtin::max:
        case rules::Builtin::min: return extreme(e, info->id == rules::Builtin::max);
        case rules::Builtin::state: {
            Value c = arg(e, 0);
            if (c.cell_state >= 0) return Value::string(std::string(to_string(static_cast<CellState>(c.cell_state))));
            if (c.is_missing()) return c;
            return Value::string(c.kind == Kind::number ? "number" : "text");
        }
        case rules::Builtin::abs:
        case rules::Builtin::round: {
            Value n = arg(e, 0);
            if (n.is_missing()) return n;
            if (n.kind != Kind::number) return Value::missing(e.text + "() 需要数字");
            return Value::number(info->id == rules::Builtin::abs ? std::fabs(n.num) : std::round(n.num), n.place);
        }
        case rules::Builtin::document:
        case rules::Builtin::sections: return lookup(e.text);
    }
    return Value::missing("未实现 " + e.text);
}

}  // namespace nianbao::eval
