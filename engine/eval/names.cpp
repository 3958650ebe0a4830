// What a name and a member mean in an expression: a `let` or `for` local, a
// section, a table, a fact (evaluated once, with the configuration's
// overrides), the builtin values `document` and `sections`; and the members of
// records, dates, sections, lists, tables, rows, columns and cells.
#include <algorithm>

#include "eval/evaluator.hpp"

namespace nianbao::eval {

namespace {

std::string chinese_numeral(int n) {
    static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100) return std::to_string(n);
    if (n < 10) return digits[n];
    std::string out;
    if (n / 10 > 1) out += digits[n / 10];
    out += "十";
    if (n % 10) out += digits[n % 10];
    return out;
}

std::size_t count_of(std::string_view s, std::string_view part) {
    std::size_t n = 0;
    for (auto at = s.find(part); at != std::string_view::npos; at = s.find(part, at + part.size())) ++n;
    return n;
}

// "未找到A（未找到B（…））": why fact `what` is missing, given why the value it
// was defined by is.  A chain of facts missing because one at its end is
// names them down to the cause; a chain of thousands (too deep to follow) is
// cut to its top, "…" and its last link, so the message stays one readable line.
std::string missing_fact_reason(const std::string& what, const std::string& inner) {
    const bool chain = inner.rfind("未找到", 0) == 0;
    if (!chain && inner != kTooDeep) return "未找到" + what;
    if (count_of(inner, "未找到") < 3) return "未找到" + what + "（" + inner + "）";
    std::string last = inner.substr(inner.rfind("未找到"));
    while (last.size() >= 3 && last.compare(last.size() - 3, 3, "）") == 0) last.resize(last.size() - 3);
    for (std::size_t open = count_of(last, "（"); open > 0; --open) last += "）";
    return "未找到" + what + "（…" + last + "）";
}

}  // namespace

Value Evaluator::fact(const std::string& name) {
    if (auto it = facts_.find(name); it != facts_.end()) return it->second;
    auto decl_it = rs_.facts.find(name);
    if (decl_it == rs_.facts.end()) return Value::missing("未定义 " + name);
    if (in_progress_.count(name)) return Value::missing("循环定义 " + name);
    // configuration: a fixed value for the report's agency, else an expression
    // replacing the declared one (docs/configuration.md)
    if (options_ && !options_->agencies.empty() && name != "agency") {
        Value a = fact("agency");
        if (a.kind == Kind::string) {
            if (auto ag = options_->agencies.find(a.str); ag != options_->agencies.end()) {
                if (auto fv = ag->second.find(name); fv != ag->second.end()) {
                    Value v = fv->second.is_number ? Value::number(fv->second.number) : Value::string(fv->second.text);
                    facts_[name] = v;
                    return v;
                }
            }
        }
    }
    const rules::Expr* value = decl_it->second->value.get();
    if (options_) {
        if (auto rs_it = options_->facts.find(rs_.decl->name); rs_it != options_->facts.end())
            if (auto f = rs_it->second.find(name); f != rs_it->second.end() && f->second && f->second->expr)
                value = f->second->expr;
    }
    if (!value) return Value::missing("未定义 " + name);
    in_progress_.insert(name);
    auto saved_locals = std::move(locals);
    locals.clear();
    auto saved_blame = blame;
    blame.reset();
    auto saved_touched = std::move(touched);  // a fact's cells are not the rule's operands
    touched.clear();
    Value v = eval(*value);
    locals = std::move(saved_locals);
    blame = saved_blame;
    touched = std::move(saved_touched);
    in_progress_.erase(name);
    if (v.is_missing()) {
        const auto& label = decl_it->second->label;
        std::string what = label ? label->value : name;
        v = Value::missing(missing_fact_reason(what, v.str));
    }
    facts_[name] = v;
    return v;
}

Value Evaluator::section_value(int index) {
    const auto& b = bindings_[static_cast<std::size_t>(index)];
    Value v;
    v.kind = Kind::section;
    v.section = index;
    v.str = b.decl->titles.empty() ? b.decl->name : b.decl->titles.front().value;
    if (b.heading >= 0) {
        const auto& h = doc_.headings[static_cast<std::size_t>(b.heading)];
        v.place = Span{h.marker.begin, h.text.end};
    }
    return v;
}

Value Evaluator::lookup(const std::string& name) {
    for (auto it = locals.rbegin(); it != locals.rend(); ++it)
        if (it->first == name) return it->second;
    for (std::size_t i = 0; i < bindings_.size(); ++i)
        if (bindings_[i].decl->name == name) return section_value(static_cast<int>(i));
    for (std::size_t i = 0; i < tables_.size(); ++i)
        if (tables_[i].decl->name == name) return table_value(static_cast<int>(i));
    if (rs_.facts.count(name)) return fact(name);
    if (name == "document") {
        return Value::of_scope({Span{0, static_cast<std::uint32_t>(doc_.view.text().size())}});
    }
    if (name == "sections") {
        Value v;
        v.kind = Kind::list;
        for (std::size_t i = 0; i < bindings_.size(); ++i) v.items.push_back(section_value(static_cast<int>(i)));
        return v;
    }
    return Value::missing("未知名称 " + name);
}

Value Evaluator::member(const Value& obj, const std::string& name) {
    if (obj.cell_state >= 0 && obj.table >= 0) {
        const auto& bt = tables_[static_cast<std::size_t>(obj.table)];
        if (name == "row") return row_value(obj.table, obj.row);
        if (name == "column") return column_value(obj.table, obj.column);
        if (name == "state") return Value::string(std::string(to_string(static_cast<CellState>(obj.cell_state))));
        if (name == "unit" || name == "note" || name == "text") {
            const auto& br = bt.rows[static_cast<std::size_t>(obj.row)];
            const auto& cname = bt.decl->columns[static_cast<std::size_t>(obj.column)].name;
            std::size_t k = static_cast<std::size_t>(obj.column);
            if (!br.decl->columns.empty()) {
                k = br.cells.size();
                for (std::size_t i = 0; i < br.decl->columns.size(); ++i)
                    if (br.decl->columns[i].first == cname) k = i;
            }
            if (k >= br.cells.size()) return Value::string("");
            const auto& cell = br.cells[k];
            return Value::string(name == "unit" ? cell.unit : name == "note" ? cell.note : cell.text);
        }
    }
    if (obj.is_missing()) return obj;
    switch (obj.kind) {
        case Kind::record:
            if (const Value* f = obj.field(name)) return *f;
            return Value::missing("没有 " + name);
        case Kind::date:
            if (name == "year") return Value::number(obj.date.year, obj.place);
            if (name == "month") {
                return obj.date.month ? Value::number(obj.date.month, obj.place) : Value::missing("月份不明");
            }
            if (name == "day") return obj.date.day ? Value::number(obj.date.day, obj.place) : Value::missing("日期不明");
            break;
        case Kind::section: {
            const auto& b = bindings_[static_cast<std::size_t>(obj.section)];
            const auto& d = *b.decl;
            const Heading* h = b.heading >= 0 ? &doc_.headings[static_cast<std::size_t>(b.heading)] : nullptr;
            if (name == "found") return Value::boolean(h != nullptr);
            if (name == "required") return Value::boolean(d.required);
            if (name == "number") return Value::number(d.number);
            if (name == "numeral") return Value::string(chinese_numeral(d.number));
            if (name == "title") return Value::string(d.titles.empty() ? d.name : d.titles.front().value);
            if (name == "name") return Value::string(d.name);
            if (name == "level") return Value::number(d.level);
            if (name == "match") return Value::string(std::string(to_string(b.match)));
            if (!h) return Value::missing("未找到章节“" + obj.str + "”");
            if (name == "heading") return string_at(Span{h->marker.begin, h->text.end});
            if (name == "marker") return string_at(h->marker);
            if (name == "found_number") return Value::number(h->number, h->marker);
            break;
        }
        case Kind::string:
            if (name == "text") return obj;
            break;
        case Kind::list:
            if (name == "count") return Value::number(static_cast<double>(obj.items.size()));
            break;
        case Kind::table: {
            const auto& t = tables_[static_cast<std::size_t>(obj.table)];
            if (name == "found") return t.unreadable ? Value::missing(t.reason) : Value::boolean(t.found);
            if (name == "reason") return Value::string(t.reason);
            if (name == "name") return Value::string(t.decl->name);
            break;
        }
        case Kind::row: {
            const auto& br = tables_[static_cast<std::size_t>(obj.table)].rows[static_cast<std::size_t>(obj.row)];
            if (name == "name") return Value::string(br.decl->name);
            if (name == "label") return Value::string(br.decl->labels.empty() ? br.decl->name : br.decl->labels.front().value);
            if (name == "found") return Value::boolean(br.found);
            if (name == "optional") return Value::boolean(br.decl->optional);
            if (name == "table_found") return Value::boolean(tables_[static_cast<std::size_t>(obj.table)].found);
            if (name == "match") return Value::string(br.match);
            if (name == "problem") return Value::string(br.problem);
            if (name == "bound") {
                bool all = br.found && std::all_of(br.cells.begin(), br.cells.end(),
                                                   [](const BoundCell& c) { return c.state != CellState::unbound; });
                return Value::boolean(all);
            }
            if (name == "text") {
                if (!br.found) return Value::missing(short_row_label(obj.table, obj.row) + "：未找到该行");
                return string_at(br.label);
            }
            break;
        }
        case Kind::column: {
            if (name == "name") return Value::string(tables_[static_cast<std::size_t>(obj.table)].decl->columns[static_cast<std::size_t>(obj.column)].name);
            if (name == "label") return Value::string(column_label(obj.table, obj.column));
            break;
        }
        default: break;
    }
    return Value::missing(std::string(to_string(obj.kind)) + " 没有成员 " + name);
}

}  // namespace nianbao::eval
