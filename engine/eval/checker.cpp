#include "eval/checker.hpp"

#include <fmt/format.h>
#include <unicode/regex.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "bind/sections.hpp"
#include "bind/tables.hpp"
#include "core/stack.hpp"
#include "core/textnorm.hpp"
#include "eval/value.hpp"
#include "grammar/builtins.hpp"
#include "model/document.hpp"

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

using eval::Kind;
using eval::Value;
using rules::Expr;
using rules::ExprKind;

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

// ---- pattern matching over the matching view -------------------------------

struct RegexHit {
    Span whole;
    std::vector<std::optional<Span>> groups;  // by Regex::captures index
};

// Limits of one search (docs/rule-language.md, "Limits"): ICU's match steps
// (each on the order of a millisecond) and the backtracking stack, in bytes.
constexpr int32_t kMatchTimeLimit = 300;
constexpr int32_t kMatchStackLimit = 8 << 20;

std::string match_limit_reason(const rules::Regex& re) {
    return "模式 /" + re.source + "/ 匹配超出时间或回溯限制";
}

// Calls fn for each match of re inside text[region]; fn returns false to stop.
// False when the search was stopped by the time or stack limit.
bool each_match(const rules::Regex& re, std::string_view text, Span region,
                const std::function<bool(const RegexHit&)>& fn) {
    if (!re.pattern) return true;
    UErrorCode st = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &st);
    if (U_FAILURE(st)) return true;
    std::unique_ptr<icu::RegexMatcher> m(re.pattern->matcher(st));
    if (U_SUCCESS(st)) m->setTimeLimit(kMatchTimeLimit, st);
    if (U_SUCCESS(st)) m->setStackLimit(kMatchStackLimit, st);
    std::vector<int32_t> group_numbers;
    for (const auto& c : re.captures) {
        UErrorCode gs = U_ZERO_ERROR;
        int32_t g = re.pattern->groupNumberFromName(icu::UnicodeString::fromUTF8(c.name), gs);
        group_numbers.push_back(U_SUCCESS(gs) ? g : -1);
    }
    if (U_SUCCESS(st)) {
        m->reset(ut);
        m->region(region.begin, region.end, st);
        while (U_SUCCESS(st) && m->find(st)) {
            RegexHit hit;
            hit.whole = {static_cast<std::uint32_t>(m->start64(st)), static_cast<std::uint32_t>(m->end64(st))};
            for (int32_t g : group_numbers) {
                if (g < 0) {
                    hit.groups.emplace_back();
                    continue;
                }
                int64_t s = m->start64(g, st), e = m->end64(g, st);
                if (s < 0 || U_FAILURE(st)) hit.groups.emplace_back();
                else hit.groups.emplace_back(Span{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e)});
            }
            if (!fn(hit)) break;
        }
    }
    utext_close(ut);
    return st != U_REGEX_TIME_OUT && st != U_REGEX_STACK_OVERFLOW;
}

double parse_number(std::string_view s, bool& ok) {
    std::string digits;
    for (char c : s)
        if (c != ',') digits += c;
    ok = false;
    if (digits.empty()) return 0;
    try {
        std::size_t used = 0;
        double d = std::stod(digits, &used);
        ok = used == digits.size();
        return d;
    } catch (...) {
        return 0;
    }
}

// ---- the evaluator ---------------------------------------------------------

class Evaluator {
public:
    Evaluator(const Document& doc, const rules::Ruleset& rs, const std::vector<SectionBinding>& bindings,
              const std::vector<BoundTable>& tables, const CheckOptions* options = nullptr)
        : doc_(doc), rs_(rs), bindings_(bindings), tables_(tables), options_(options) {}

    Value eval(const Expr& e);
    Value fact(const std::string& name);
    Value lookup(const std::string& name);
    Value member(const Value& obj, const std::string& name);
    bool truth(const Value& v, bool& missing, std::string& reason);

    std::vector<std::pair<std::string, Value>> locals;
    std::optional<Span> blame;          // first value with a place used by an expression
    std::optional<Span> missing_blame;  // first missing value with a place (a blank cell)
    // the cells read (table, row, column), in order, since the caller last cleared it
    std::vector<std::array<int, 3>> touched;

    [[nodiscard]] const Document& doc() const { return doc_; }
    [[nodiscard]] const BoundTable& bound_table(int t) const { return tables_[static_cast<std::size_t>(t)]; }
    [[nodiscard]] const std::vector<SectionBinding>& bindings() const { return bindings_; }

private:
    Value eval_node(const Expr& e);
    Value call(const Expr& e);
    Value binary(const Expr& e);
    Value compare(const std::string& op, const Value& a, const Value& b);
    Value section_value(int index);
    Value match_record(const rules::Regex& re, const RegexHit& hit, std::string_view text, bool with_place);
    bool region_of(const Value& v, std::vector<Span>& spans, std::string& standalone, bool& has_standalone,
                   std::string& reason);
    Value string_at(Span s) { return Value::string(std::string(doc_.view_text(s)), s); }
    Value line_value(std::uint32_t view_offset, int delta);
    void note_place(const Value& v) {
        if (!v.place) return;
        if (v.is_missing()) {
            if (!missing_blame) missing_blame = v.place;
        } else if (!blame) {
            blame = v.place;
        }
    }
    // tables
    Value table_value(int t);
    Value row_value(int t, int r);
    Value column_value(int t, int c);
    Value cell_value(int t, int r, int c);
    enum class Axis { row, column };
    bool select(Axis axis, int t, const Expr& e, std::vector<int>& out, bool& group, std::string& error);
    Value table_index(const Value& table, const Expr& e);
    std::string short_row_label(int t, int r) const;
    std::string column_label(int t, int c) const;

    const Document& doc_;
    const rules::Ruleset& rs_;
    const std::vector<SectionBinding>& bindings_;
    const std::vector<BoundTable>& tables_;
    const CheckOptions* options_;
    std::map<std::string, Value> facts_;
    std::set<std::string> in_progress_;
    static constexpr int kMaxEvalDepth = 500;
    int depth_ = 0;
};

namespace {
constexpr const char* kTooDeep = "表达式或事实引用嵌套过深";

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
    const Expr* value = decl_it->second->value.get();
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
            if (name == "found") return Value::boolean(t.found);
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
    return Value::missing(std::string(eval::to_string(obj.kind)) + " 没有成员 " + name);
}

bool Evaluator::truth(const Value& v, bool& missing, std::string& reason) {
    missing = false;
    switch (v.kind) {
        case Kind::missing: missing = true; reason = v.str; return false;
        case Kind::boolean: return v.b;
        case Kind::number: return std::fabs(v.num) > 1e-12;
        case Kind::string: return !v.str.empty();
        case Kind::list: return !v.items.empty();
        default: return true;
    }
}

bool Evaluator::region_of(const Value& v, std::vector<Span>& spans, std::string& standalone, bool& has_standalone,
                          std::string& reason) {
    has_standalone = false;
    switch (v.kind) {
        case Kind::missing: reason = v.str; return false;
        case Kind::scope: spans = v.scope; return true;
        case Kind::section: {
            const auto& b = bindings_[static_cast<std::size_t>(v.section)];
            if (b.heading < 0) {
                reason = "未找到章节“" + v.str + "”";
                return false;
            }
            spans = {doc_.extent(b.heading)};
            return true;
        }
        case Kind::list:
            for (const auto& it : v.items) {
                if (it.place) spans.push_back(*it.place);
            }
            return true;
        default:
            if (v.place) {
                spans = {*v.place};
                return true;
            }
            if (v.kind == Kind::string) {
                standalone = v.str;
                has_standalone = true;
                return true;
            }
            if (v.kind == Kind::record) {
                if (const Value* t = v.field("text")) return region_of(*t, spans, standalone, has_standalone, reason);
            }
            reason = std::string(eval::to_string(v.kind)) + " 不能作为查找范围";
            return false;
    }
}

Value Evaluator::match_record(const rules::Regex& re, const RegexHit& hit, std::string_view text, bool with_place) {
    auto at = [&](Span s) -> std::optional<Span> { return with_place ? std::optional<Span>(s) : std::nullopt; };
    Value rec;
    rec.kind = Kind::record;
    rec.place = at(hit.whole);
    rec.fields.emplace_back("text", Value::string(std::string(text.substr(hit.whole.begin, hit.whole.size())),
                                                  at(hit.whole)));
    for (std::size_t i = 0; i < re.captures.size(); ++i) {
        const auto& cap = re.captures[i];
        const auto& g = hit.groups[i];
        if (!g) {
            rec.fields.emplace_back(cap.name, Value::missing("未匹配 " + cap.name));
            continue;
        }
        std::string s(text.substr(g->begin, g->size()));
        switch (cap.type) {
            case rules::CaptureType::text: rec.fields.emplace_back(cap.name, Value::string(s, at(*g))); break;
            case rules::CaptureType::integer:
            case rules::CaptureType::number:
            case rules::CaptureType::year: {
                bool ok = false;
                double d = parse_number(s, ok);
                rec.fields.emplace_back(cap.name, ok ? Value::number(d, at(*g)) : Value::missing("不是数字：" + s));
                break;
            }
            case rules::CaptureType::date: {
                auto d = parse_date(s);
                rec.fields.emplace_back(cap.name, d ? Value::of_date(*d, at(*g)) : Value::missing("无法识别的日期：" + s));
                break;
            }
        }
    }
    return rec;
}

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

Value Evaluator::call(const Expr& e) {
    const auto* info = rules::find_builtin(e.text);
    if (!info) return Value::missing("未知函数 " + e.text);
    auto arg = [&](std::size_t i) { return i < e.args.size() ? eval(*e.args[i]) : Value::missing("缺少参数"); };
    const std::string& text = doc_.view.text();
    switch (info->id) {
        case rules::Builtin::first:
        case rules::Builtin::last:
        case rules::Builtin::all:
        case rules::Builtin::count: {
            Value re = arg(0);
            if (info->id == rules::Builtin::count && e.args.size() == 1) {
                if (re.is_missing()) return re;
                if (re.kind == Kind::list) return Value::number(static_cast<double>(re.items.size()));
                return Value::missing("count() 需要列表");
            }
            if (re.is_missing()) return re;
            if (re.kind != Kind::regex || !re.re) return Value::missing(e.text + "() 的第一个参数应为模式");
            Value scope = arg(1);
            std::vector<Span> spans;
            std::string standalone, reason;
            bool has_standalone = false;
            if (!region_of(scope, spans, standalone, has_standalone, reason)) return Value::missing(reason);
            std::vector<Value> hits;
            bool stop_first = info->id == rules::Builtin::first;
            bool limited = false;
            auto collect = [&](std::string_view t, bool with_place, Span region) {
                limited = limited || !each_match(*re.re, t, region, [&](const RegexHit& h) {
                    hits.push_back(match_record(*re.re, h, t, with_place));
                    return !stop_first;
                });
            };
            if (has_standalone) {
                collect(standalone, false, Span{0, static_cast<std::uint32_t>(standalone.size())});
            } else {
                for (const auto& s : spans) {
                    collect(text, true, s);
                    if (limited || (stop_first && !hits.empty())) break;
                }
            }
            if (limited) return Value::missing(match_limit_reason(*re.re));
            if (info->id == rules::Builtin::count) return Value::number(static_cast<double>(hits.size()));
            if (info->id == rules::Builtin::all) {
                Value l;
                l.kind = Kind::list;
                l.items = std::move(hits);
                return l;
            }
            if (hits.empty()) return Value::missing("没有匹配 /" + re.re->source + "/");
            return info->id == rules::Builtin::first ? hits.front() : hits.back();
        }
        case rules::Builtin::head:
        case rules::Builtin::tail: {
            Value n = arg(0);
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
            Value s = arg(0);
            if (s.is_missing()) return s;
            if (s.kind != Kind::section) return Value::missing("body() 需要章节");
            const auto& b = bindings_[static_cast<std::size_t>(s.section)];
            if (b.heading < 0) return Value::missing("未找到章节“" + s.str + "”");
            return Value::of_scope({doc_.body(b.heading)});
        }
        case rules::Builtin::text: {
            Value v = arg(0);
            if (v.is_missing()) return v;
            if (v.kind == Kind::section) {
                const auto& b = bindings_[static_cast<std::size_t>(v.section)];
                if (b.heading < 0) return Value::missing("未找到章节“" + v.str + "”");
                return string_at(doc_.extent(b.heading));
            }
            if (v.kind == Kind::scope) {
                Value s = Value::string(eval::render(v, doc_));
                if (!v.scope.empty()) s.place = Span{v.scope.front().begin, v.scope.back().end};
                return s;
            }
            if (v.kind == Kind::record) {
                if (const Value* t = v.field("text")) return *t;
            }
            if (v.place) return string_at(*v.place);
            return Value::string(eval::render(v, doc_));
        }
        case rules::Builtin::line_of:
        case rules::Builtin::line_before:
        case rules::Builtin::line_after: {
            Value v = arg(0);
            if (v.is_missing()) return v;
            std::optional<Span> p = v.place;
            if (!p && v.kind == Kind::scope && !v.scope.empty()) p = v.scope.front();
            if (!p) return Value::missing("没有位置");
            int delta = info->id == rules::Builtin::line_of ? 0 : (info->id == rules::Builtin::line_before ? -1 : 1);
            return line_value(p->begin, delta);
        }
        case rules::Builtin::exists: {
            Value v = arg(0);
            return Value::boolean(!v.is_missing() && !(v.kind == Kind::list && v.items.empty()));
        }
        case rules::Builtin::date: {
            Value y = arg(0), m = arg(1), d = arg(2);
            for (const Value* p : {&y, &m, &d})
                if (p->is_missing()) return *p;
            if (!(y.num >= eval::kMinYear && y.num <= eval::kMaxYear))
                return Value::missing(fmt::format("年份超出范围（{}至{}年）", eval::kMinYear, eval::kMaxYear));
            if (auto date = eval::make_date(y.num, m.num, d.num)) return Value::of_date(*date);
            return Value::missing("无效日期");
        }
        case rules::Builtin::numbering_issues: {
            std::vector<Span> spans;
            bool scoped = false;
            if (!e.args.empty()) {
                Value s = arg(0);
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
                Value lv = arg(0);
                if (lv.is_missing()) return lv;
                level = static_cast<int>(std::lround(lv.num));
            }
            std::vector<bool> bound(doc_.headings.size(), false);
            for (const auto& b : bindings_)
                if (b.heading >= 0) bound[static_cast<std::size_t>(b.heading)] = true;
            Value l;
            l.kind = info->id == rules::Builtin::headings ? Kind::scope : Kind::list;
            for (std::size_t i = 0; i < doc_.headings.size(); ++i) {
                const auto& h = doc_.headings[i];
                if (level && !(h.level == *level || (*level == 1 && h.level == 0))) continue;
                Span line{h.marker.begin, h.text.end};
                if (info->id == rules::Builtin::headings) {
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
            Value t = arg(0);
            if (t.is_missing()) return t;
            if (t.kind != Kind::table) return Value::missing(e.text + "() 需要表格");
            std::vector<int> picked;
            bool group = false;
            std::string err;
            if (e.args.size() > 1) {
                bool ok = select(info->id == rules::Builtin::rows ? Axis::row : Axis::column, t.table, *e.args[1],
                                 picked, group, err);
                if (!ok) return Value::missing(err);
            } else {
                const auto& bt = tables_[static_cast<std::size_t>(t.table)];
                std::size_t n = info->id == rules::Builtin::rows ? bt.rows.size() : bt.decl->columns.size();
                for (std::size_t i = 0; i < n; ++i) picked.push_back(static_cast<int>(i));
            }
            Value l;
            l.kind = Kind::list;
            for (int i : picked)
                l.items.push_back(info->id == rules::Builtin::rows ? row_value(t.table, i) : column_value(t.table, i));
            return l;
        }
        case rules::Builtin::cells: {
            Value t = arg(0);
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
        case rules::Builtin::sum: {
            Value l = arg(0);
            if (l.is_missing()) return l;
            std::vector<Value> items = l.kind == Kind::list ? l.items : std::vector<Value>{l};
            if (e.args.size() > 1) {
                Value m = arg(1);
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
                    first_reason = it.is_missing() ? it.str : std::string(eval::to_string(it.kind)) + " 不是数字";
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
        case rules::Builtin::state: {
            Value c = arg(0);
            if (c.cell_state >= 0) return Value::string(std::string(to_string(static_cast<CellState>(c.cell_state))));
            if (c.is_missing()) return c;
            return Value::string(c.kind == Kind::number ? "number" : "text");
        }
        case rules::Builtin::abs:
        case rules::Builtin::round: {
            Value n = arg(0);
            if (n.is_missing()) return n;
            if (n.kind != Kind::number) return Value::missing(e.text + "() 需要数字");
            return Value::number(info->id == rules::Builtin::abs ? std::fabs(n.num) : std::round(n.num), n.place);
        }
        case rules::Builtin::document:
        case rules::Builtin::sections: return lookup(e.text);
    }
    return Value::missing("未实现 " + e.text);
}

// ---- tables ----------------------------------------------------------------

std::string Evaluator::short_row_label(int t, int r) const {
    const auto& rd = *tables_[static_cast<std::size_t>(t)].rows[static_cast<std::size_t>(r)].decl;
    std::string l = rd.labels.empty() ? rd.name : rd.labels.front().value;
    // "（二）部分公开（区分处理的，…）" -> "（二）部分公开": drop a trailing parenthetical note
    for (std::string_view open : {"\xEF\xBC\x88", "("}) {
        std::size_t p = l.find(open, 4);
        if (p != std::string::npos && p > 6) {
            l.resize(p);
            break;
        }
    }
    return l;
}

std::string Evaluator::column_label(int t, int c) const {
    const auto& cd = tables_[static_cast<std::size_t>(t)].decl->columns[static_cast<std::size_t>(c)];
    return cd.label ? cd.label->value : cd.name;
}

Value Evaluator::table_value(int t) {
    Value v;
    v.kind = Kind::table;
    v.table = t;
    const auto& bt = tables_[static_cast<std::size_t>(t)];
    v.str = bt.decl->name;
    if (!bt.region.empty()) v.place = Span{bt.region.begin, bt.region.begin};
    return v;
}

Value Evaluator::row_value(int t, int r) {
    const auto& br = tables_[static_cast<std::size_t>(t)].rows[static_cast<std::size_t>(r)];
    Value v;
    v.kind = Kind::row;
    v.table = t;
    v.row = r;
    v.str = short_row_label(t, r);
    const auto& region = tables_[static_cast<std::size_t>(t)].region;
    if (br.found && !br.label.empty()) {
        v.place = br.label;
    } else if (br.found) {  // an unlabeled row: where its first value is
        for (const auto& c : br.cells)
            if (!c.view.empty()) {
                v.place = c.view;
                break;
            }
    }
    if (!v.place && !region.empty()) v.place = Span{region.begin, region.begin};  // a missing row: where the table starts
    return v;
}

Value Evaluator::column_value(int t, int c) {
    Value v;
    v.kind = Kind::column;
    v.table = t;
    v.column = c;
    v.str = column_label(t, c);
    return v;
}

Value Evaluator::cell_value(int t, int r, int c) {
    const auto& bt = tables_[static_cast<std::size_t>(t)];
    const auto& br = bt.rows[static_cast<std::size_t>(r)];
    const auto& cname = bt.decl->columns[static_cast<std::size_t>(c)].name;
    int k = -1;
    if (br.decl->columns.empty()) {
        k = c;
    } else {
        for (std::size_t i = 0; i < br.decl->columns.size(); ++i)
            if (br.decl->columns[i].first == cname) k = static_cast<int>(i);
    }
    std::string where = short_row_label(t, r) + "/" + column_label(t, c);
    auto mark = [&](Value v, CellState st, std::optional<Span> at) {
        v.table = t;
        v.row = r;
        v.column = c;
        v.cell_state = static_cast<int>(st);
        v.place = at;
        return v;
    };
    if (k < 0) return mark(Value::missing(where + "：该行没有这一列"), CellState::unbound, std::nullopt);
    if (std::find(touched.begin(), touched.end(), std::array<int, 3>{t, r, c}) == touched.end())
        touched.push_back({t, r, c});
    if (!bt.found) return mark(Value::missing("未找到表格：" + bt.reason), CellState::unbound, std::nullopt);
    if (!br.found) return mark(Value::missing(where + "：未找到该行"), CellState::unbound, std::nullopt);
    if (static_cast<std::size_t>(k) >= br.cells.size())
        return mark(Value::missing(where + "：未读到数值"), CellState::unbound, std::nullopt);
    const BoundCell& cell = br.cells[static_cast<std::size_t>(k)];
    std::optional<Span> at;
    if (!cell.view.empty()) at = cell.view;
    else if (!br.label.empty()) at = br.label;  // a blank cell has no text of its own: point at its row
    switch (cell.state) {
        case CellState::number: return mark(Value::number(cell.number), CellState::number, at);
        case CellState::blank: return mark(Value::missing(where + "：单元格为空"), cell.state, at);
        case CellState::dash: return mark(Value::missing(where + "：单元格为“" + cell.text + "”，不是数字"), cell.state, at);
        case CellState::text: return mark(Value::missing(where + "：单元格“" + cell.text + "”不是数字"), cell.state, at);
        case CellState::unbound:
            return mark(Value::missing(where + "：" + (br.problem.empty() ? std::string("未读到数值") : br.problem)),
                        cell.state, at);
    }
    return Value::missing(where);
}

// Which rows (axis row) or columns (axis column) of table t an index expression
// names: a row/column, a group of them, a row/column value from `for`, or a
// string naming one.  Optional rows of a group that bound nothing are left out.
bool Evaluator::select(Axis axis, int t, const Expr& e, std::vector<int>& out, bool& group, std::string& error) {
    const auto& bt = tables_[static_cast<std::size_t>(t)];
    const auto& decl = *bt.decl;
    const bool rows = axis == Axis::row;
    auto by_name = [&](const std::string& name) -> int {
        if (rows) {
            for (std::size_t i = 0; i < bt.rows.size(); ++i)
                if (bt.rows[i].decl->name == name) return static_cast<int>(i);
        } else {
            for (std::size_t i = 0; i < decl.columns.size(); ++i)
                if (decl.columns[i].name == name || (decl.columns[i].label && decl.columns[i].label->value == name))
                    return static_cast<int>(i);
        }
        return -1;
    };
    auto left_out = [&](int i) {
        if (!rows) return false;
        const auto& br = bt.rows[static_cast<std::size_t>(i)];
        bool any_bound = std::any_of(br.cells.begin(), br.cells.end(),
                                     [](const BoundCell& c) { return c.state != CellState::unbound; });
        return br.decl->optional && (!br.found || !any_bound);  // absent optional rows are left out
    };
    auto group_members = [&](const std::string& name) -> bool {
        for (const auto& g : rows ? decl.row_groups : decl.column_groups) {
            if (g.name != name) continue;
            group = true;
            for (const auto& m : g.members)
                if (int i = by_name(m.first); i >= 0 && !left_out(i)) out.push_back(i);
            return true;
        }
        return false;
    };
    const auto one = rows ? Expr::TableName::row : Expr::TableName::column;
    const auto many = rows ? Expr::TableName::row_group : Expr::TableName::column_group;
    if (e.kind == ExprKind::ident && e.table_name == one) {
        if (int i = by_name(e.text); i >= 0) {
            out.push_back(i);
            return true;
        }
    }
    if (e.kind == ExprKind::ident && e.table_name == many && group_members(e.text)) return true;
    Value v = eval(e);
    if (v.kind == (rows ? Kind::row : Kind::column) && v.table == t) {
        out.push_back(rows ? v.row : v.column);
        return true;
    }
    if (v.kind == Kind::string) {
        if (int i = by_name(v.str); i >= 0) {
            out.push_back(i);
            return true;
        }
        if (group_members(v.str)) return true;
    }
    error = v.is_missing() ? v.str
                           : "表格“" + decl.name + (rows ? "”没有这一行：" : "”没有这一列：") + eval::render(v, doc_);
    return false;
}

Value Evaluator::table_index(const Value& table, const Expr& e) {
    std::vector<int> rows, cols;
    bool row_group = false, col_group = false;
    std::string err;
    if (!select(Axis::row, table.table, *e.args[1], rows, row_group, err)) return Value::missing(err);
    if (!select(Axis::column, table.table, *e.args[2], cols, col_group, err)) return Value::missing(err);
    if (!row_group && !col_group) return cell_value(table.table, rows.front(), cols.front());
    Value l;
    l.kind = Kind::list;
    for (int r : rows)
        for (int c : cols) l.items.push_back(cell_value(table.table, r, c));
    return l;
}

Value Evaluator::compare(const std::string& op, const Value& a0, const Value& b0) {
    auto as_plain = [](const Value& v) -> Value {
        if (v.kind == Kind::record)
            if (const Value* t = v.field("text")) return *t;
        if (v.kind == Kind::section) return Value::string(v.str, v.place);
        return v;
    };
    Value a = as_plain(a0), b = as_plain(b0);
    // number vs numeric string
    if (a.kind == Kind::number && b.kind == Kind::string) {
        bool ok = false;
        double d = parse_number(b.str, ok);
        if (ok) b = Value::number(d, b.place);
    } else if (a.kind == Kind::string && b.kind == Kind::number) {
        bool ok = false;
        double d = parse_number(a.str, ok);
        if (ok) a = Value::number(d, a.place);
    }
    int cmp = 0;
    if (a.kind == Kind::number && b.kind == Kind::number) {
        double tol = 1e-9 * std::max({1.0, std::fabs(a.num), std::fabs(b.num)});
        cmp = std::fabs(a.num - b.num) <= tol ? 0 : (a.num < b.num ? -1 : 1);
    } else if (a.kind == Kind::date && b.kind == Kind::date) {
        const Date &x = a.date, &y = b.date;
        if (x.year != y.year) cmp = x.year < y.year ? -1 : 1;
        else if (x.month == 0 || y.month == 0) return Value::missing("日期不完整，无法比较");
        else if (x.month != y.month) cmp = x.month < y.month ? -1 : 1;
        else if (x.day == 0 || y.day == 0) return Value::missing("日期不完整，无法比较");
        else cmp = x.day == y.day ? 0 : (x.day < y.day ? -1 : 1);
    } else if (a.kind == Kind::string && b.kind == Kind::string) {
        cmp = a.str == b.str ? 0 : (a.str < b.str ? -1 : 1);
    } else if (a.kind == Kind::boolean && b.kind == Kind::boolean) {
        cmp = a.b == b.b ? 0 : (a.b ? 1 : -1);
    } else {
        if (op == "==") return Value::boolean(false);
        if (op == "!=") return Value::boolean(true);
        return Value::missing("无法比较 " + std::string(eval::to_string(a.kind)) + " 与 " +
                              std::string(eval::to_string(b.kind)));
    }
    if (op == "==") return Value::boolean(cmp == 0);
    if (op == "!=") return Value::boolean(cmp != 0);
    if (op == "<") return Value::boolean(cmp < 0);
    if (op == "<=") return Value::boolean(cmp <= 0);
    if (op == ">") return Value::boolean(cmp > 0);
    return Value::boolean(cmp >= 0);
}

Value Evaluator::binary(const Expr& e) {
    const std::string& op = e.text;
    if (op == "and" || op == "or") {
        Value a = eval(*e.args[0]);
        bool miss = false;
        std::string reason;
        bool ta = truth(a, miss, reason);
        if (!miss && ((op == "and" && !ta) || (op == "or" && ta))) return Value::boolean(ta);
        Value b = eval(*e.args[1]);
        bool missb = false;
        std::string reasonb;
        bool tb = truth(b, missb, reasonb);
        if (!missb && ((op == "and" && !tb) || (op == "or" && tb))) return Value::boolean(tb);
        if (miss) return Value::missing(reason);
        if (missb) return Value::missing(reasonb);
        return Value::boolean(tb);
    }
    if (op == "??") {
        Value a = eval(*e.args[0]);
        if (!a.is_missing()) return a;
        return eval(*e.args[1]);
    }
    Value a = eval(*e.args[0]);
    Value b = eval(*e.args[1]);
    if (a.is_missing()) return a;
    if (b.is_missing()) return b;
    if (op == "~" || op == "!~") {
        if (b.kind != Kind::regex || !b.re) return Value::missing("~ 右边应为模式");
        std::vector<Span> spans;
        std::string standalone, reason;
        bool has_standalone = false;
        if (!region_of(a, spans, standalone, has_standalone, reason)) return Value::missing(reason);
        bool found = false, limited = false;
        auto probe = [&](std::string_view t, Span region) {
            limited = !each_match(*b.re, t, region, [&](const RegexHit&) {
                found = true;
                return false;
            });
        };
        if (has_standalone) probe(standalone, Span{0, static_cast<std::uint32_t>(standalone.size())});
        else
            for (const auto& s : spans) {
                probe(doc_.view.text(), s);
                if (found || limited) break;
            }
        if (limited) return Value::missing(match_limit_reason(*b.re));
        return Value::boolean(op == "~" ? found : !found);
    }
    if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=") return compare(op, a, b);
    // arithmetic
    auto numeric = [](Value v) {
        if (v.kind == Kind::record)
            if (const Value* t = v.field("text")) v = *t;
        if (v.kind == Kind::string) {
            bool ok = false;
            double d = parse_number(v.str, ok);
            if (ok) return Value::number(d, v.place);
        }
        return v;
    };
    a = numeric(a);
    b = numeric(b);
    if (a.kind == Kind::date && b.kind == Kind::number && (op == "+" || op == "-")) {
        if (!a.date.day) return Value::missing("日期不完整");
        if (auto d = eval::add_days(a.date, op == "+" ? b.num : -b.num)) return Value::of_date(*d);
        return Value::missing(fmt::format("日期超出范围（{}至{}年）", eval::kMinYear, eval::kMaxYear));
    }
    if (a.kind == Kind::date && b.kind == Kind::date && op == "-") {
        if (!a.date.day || !b.date.day) return Value::missing("日期不完整");
        if (!eval::date_in_range(a.date) || !eval::date_in_range(b.date))
            return Value::missing(fmt::format("日期超出范围（{}至{}年）", eval::kMinYear, eval::kMaxYear));
        return Value::number(static_cast<double>(eval::days_from_civil(a.date.year, a.date.month, a.date.day) -
                                                 eval::days_from_civil(b.date.year, b.date.month, b.date.day)));
    }
    if (a.kind == Kind::string && b.kind == Kind::string && op == "+") return Value::string(a.str + b.str);
    if (a.kind == Kind::list && b.kind == Kind::list && op == "+") {
        Value l = a;
        l.items.insert(l.items.end(), b.items.begin(), b.items.end());
        return l;
    }
    if (a.kind != Kind::number || b.kind != Kind::number) {
        return Value::missing("“" + op + "”需要数字，得到 " + std::string(eval::to_string(a.kind)) + " 与 " +
                              std::string(eval::to_string(b.kind)));
    }
    if (op == "+") return Value::number(a.num + b.num);
    if (op == "-") return Value::number(a.num - b.num);
    if (op == "*") return Value::number(a.num * b.num);
    if (op == "/") {
        if (std::fabs(b.num) < 1e-300) return Value::missing("除数为零");
        return Value::number(a.num / b.num);
    }
    return Value::missing("未知运算 " + op);
}

// Facts refer to facts: the parser bounds one expression's depth, this the
// evaluation's as a whole (a chain of thousands of facts would overflow the stack).
Value Evaluator::eval(const Expr& e) {
    if (depth_ >= kMaxEvalDepth || stack_exhausted()) return Value::missing(kTooDeep);
    ++depth_;
    Value v = eval_node(e);
    --depth_;
    return v;
}

Value Evaluator::eval_node(const Expr& e) {
    switch (e.kind) {
        case ExprKind::number: return Value::number(e.number);
        case ExprKind::string: return Value::string(e.text);
        case ExprKind::boolean: return Value::boolean(e.boolean);
        case ExprKind::regex: {
            Value v;
            v.kind = Kind::regex;
            v.re = e.regex.get();
            return v;
        }
        case ExprKind::ident: {
            Value v = lookup(e.text);
            note_place(v);
            return v;
        }
        case ExprKind::member: {
            Value v = member(eval(*e.args[0]), e.text);
            note_place(v);
            return v;
        }
        case ExprKind::index: {
            Value obj = eval(*e.args[0]);
            if (obj.kind == Kind::table && e.args.size() == 3) {
                Value v = table_index(obj, e);
                if (v.kind == Kind::list) {
                    for (const auto& it : v.items) note_place(it);
                } else {
                    note_place(v);
                }
                return v;
            }
            Value idx = eval(*e.args[1]);
            if (obj.is_missing()) return obj;
            if (idx.is_missing()) return idx;
            if (obj.kind == Kind::list && idx.kind == Kind::number) {
                long i = std::lround(idx.num);
                if (i < 0) i += static_cast<long>(obj.items.size());
                if (i < 0 || i >= static_cast<long>(obj.items.size())) return Value::missing("下标越界");
                Value v = obj.items[static_cast<std::size_t>(i)];
                note_place(v);
                return v;
            }
            return Value::missing("不能按下标取值");
        }
        case ExprKind::call: {
            Value v = call(e);
            note_place(v);
            return v;
        }
        case ExprKind::list: {
            Value l;
            l.kind = Kind::list;
            for (const auto& a : e.args) l.items.push_back(eval(*a));
            return l;
        }
        case ExprKind::unary: {
            Value v = eval(*e.args[0]);
            if (v.is_missing()) return v;
            if (e.text == "not") {
                bool miss = false;
                std::string reason;
                bool t = truth(v, miss, reason);
                return miss ? Value::missing(reason) : Value::boolean(!t);
            }
            if (v.kind != Kind::number) return Value::missing("负号需要数字");
            return Value::number(-v.num);
        }
        case ExprKind::binary: return binary(e);
        case ExprKind::case_: {
            std::size_t n = e.args.size();
            for (std::size_t i = 0; i + 1 < n; i += 2) {
                Value c = eval(*e.args[i]);
                bool miss = false;
                std::string reason;
                bool t = truth(c, miss, reason);
                if (miss) return Value::missing(reason);
                if (t) return eval(*e.args[i + 1]);
            }
            return n ? eval(*e.args[n - 1]) : Value::missing("case 无分支");
        }
    }
    return Value::missing("?");
}

// ---- running rules ---------------------------------------------------------

struct RunState {
    const Document& doc;
    const SourceText& src;
    std::vector<Finding>& out;
    const CheckOptions& options;
};

Span first_line_span(const Document& doc) {
    for (const auto& l : doc.lines)
        if (!l.blank) return l.view;
    return Span{0, 0};
}

using CellIndex = std::array<int, 3>;  // table, row, column

// The row's position of a table column (the row's own column list, when it
// has one, decides), -1 when the row has no such column.
int row_column(const BoundTable& bt, const BoundRow& br, int column) {
    if (br.decl->columns.empty()) return column;
    const auto& name = bt.decl->columns[static_cast<std::size_t>(column)].name;
    for (std::size_t j = 0; j < br.decl->columns.size(); ++j)
        if (br.decl->columns[j].first == name) return static_cast<int>(j);
    return -1;
}

// The bound cell of a cell index, null when the row has no such column or nothing was bound there.
const BoundCell* bound_cell(const Evaluator& ev, const CellIndex& i) {
    if (i[2] < 0) return nullptr;
    const BoundTable& bt = ev.bound_table(i[0]);
    const BoundRow& br = bt.rows[static_cast<std::size_t>(i[1])];
    int k = row_column(bt, br, i[2]);
    if (k < 0 || static_cast<std::size_t>(k) >= br.cells.size()) return nullptr;
    return &br.cells[static_cast<std::size_t>(k)];
}

// The cell a value is, if it is one the row has; a row is its label (column -1).
std::optional<CellIndex> cell_of(const Value& v, const Evaluator& ev) {
    if (v.kind == Kind::row && v.table >= 0 && v.row >= 0) return CellIndex{v.table, v.row, -1};
    if (v.table < 0 || v.row < 0 || v.column < 0 || v.cell_state < 0) return std::nullopt;
    const BoundTable& bt = ev.bound_table(v.table);
    if (row_column(bt, bt.rows[static_cast<std::size_t>(v.row)], v.column) < 0) return std::nullopt;
    return CellIndex{v.table, v.row, v.column};
}

FindingCell finding_cell(const RunState& st, const Evaluator& ev, const CellIndex& i, bool at) {
    const BoundTable& bt = ev.bound_table(i[0]);
    const BoundRow& br = bt.rows[static_cast<std::size_t>(i[1])];
    FindingCell fc;
    fc.table = bt.decl->name;
    fc.row = br.decl->name;
    fc.at = at;
    if (i[2] < 0) {  // the row's label
        if (br.found && !br.label.empty()) fc.pos = st.src.locate(st.doc.to_source(br.label).begin);
        return fc;
    }
    fc.column = bt.decl->columns[static_cast<std::size_t>(i[2])].name;
    if (const BoundCell* bc = bound_cell(ev, i); bc && !bc->view.empty())
        fc.pos = st.src.locate(st.doc.to_source(bc->view).begin);
    return fc;
}

// Without an `at` cell, the cell the finding is placed at is the one whose
// place it took: a cell read at that place, else a cell without text of its
// own (blank, unread) in the row whose label is at that place.
std::optional<CellIndex> placed_cell(const Evaluator& ev, Span view_span) {
    for (const auto& c : ev.touched)
        if (const BoundCell* bc = bound_cell(ev, c); bc && !bc->view.empty() && bc->view.begin == view_span.begin)
            return c;
    for (const auto& c : ev.touched) {
        const BoundCell* bc = bound_cell(ev, c);
        const BoundRow& br = ev.bound_table(c[0]).rows[static_cast<std::size_t>(c[1])];
        if ((!bc || bc->view.empty()) && !br.label.empty() && br.label.begin == view_span.begin) return c;
    }
    return std::nullopt;
}

void emit(RunState& st, const rules::RuleDecl& rule, Evaluator& ev, Span view_span, bool not_assessable,
          const std::string& reason, std::optional<CellIndex> at_cell = std::nullopt) {
    Finding f;
    if (!at_cell) at_cell = placed_cell(ev, view_span);
    if (at_cell) f.cells.push_back(finding_cell(st, ev, *at_cell, true));
    for (const auto& c : ev.touched)
        if (c != at_cell) f.cells.push_back(finding_cell(st, ev, c, false));
    f.rule = rule.id;
    f.title = rule.title.value;
    f.ruleset = rule.ruleset;
    f.source = rule.source ? rule.source->value : std::string{};
    f.not_assessable = not_assessable;
    f.severity = rule.severity;
    if (auto it = st.options.severity.find(rule.id); it != st.options.severity.end()) f.severity = it->second;
    if (not_assessable) f.severity = Severity::note;
    Span src = st.doc.to_source(view_span);
    f.span = src;
    f.pos = st.src.locate(src.begin);
    f.end = st.src.locate(src.end);
    f.origin = st.src.origin(src.begin);
    if (not_assessable) {
        f.message = rule.title.value + "：无法评估（" + reason + "）";
    } else if (rule.message) {
        for (const auto& piece : rule.message->pieces) {
            if (!piece.placeholder) {
                f.message += piece.text;
                continue;
            }
            Value v = piece.path.empty() ? Value::missing("") : ev.lookup(piece.path.front());
            for (std::size_t i = 1; i < piece.path.size(); ++i) v = ev.member(v, piece.path[i]);
            std::string shown = eval::render(v, st.doc);
            f.message += shown;
            std::string key;
            for (const auto& p : piece.path) key += (key.empty() ? "" : ".") + p;
            if (std::none_of(f.values.begin(), f.values.end(), [&](const auto& kv) { return kv.first == key; }))
                f.values.emplace_back(key, shown);
        }
    }
    st.out.push_back(std::move(f));
}

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
        ev.touched.clear();
        Value l = ev.eval(*rule.loop);
        if (l.is_missing()) {
            emit(st, rule, ev, first_line_span(st.doc), true, l.str);
            return;
        }
        if (l.kind == Kind::list) items = std::move(l.items);
        else items.push_back(std::move(l));
    } else {
        items.push_back(Value::missing(""));
    }

    for (auto& item : items) {
        ev.locals.clear();
        ev.blame.reset();
        ev.missing_blame.reset();
        ev.touched.clear();
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
                emit(st, rule, ev,
                     ev.missing_blame.value_or(ev.blame.value_or(item_place.value_or(first_line_span(st.doc)))), true,
                     reason);
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
                std::optional<Span> place;
                std::optional<CellIndex> at_cell;
                if (rule.at) {
                    Value a = ev.eval(*rule.at);
                    place = a.place;
                    at_cell = cell_of(a, ev);
                }
                if (!place) place = ev.missing_blame;
                if (!place) place = ev.blame;
                emit(st, rule, ev, place.value_or(item_place.value_or(first_line_span(st.doc))), true, reason,
                     at_cell);
                continue;
            }
            failed = rule.check_kind == rules::CheckKind::require ? !t : t;
        }
        if (!failed) continue;
        std::optional<Span> place;
        std::optional<CellIndex> at_cell;
        if (rule.at) {
            auto saved = ev.blame;
            ev.blame.reset();
            Value a = ev.eval(*rule.at);
            at_cell = cell_of(a, ev);
            if (!a.is_missing()) {
                if (a.place) place = a.place;
                else if (a.kind == Kind::scope && !a.scope.empty()) place = a.scope.front();
            }
            ev.blame = saved;
        }
        if (!place) place = ev.blame;
        if (!place) place = item_place;
        if (!place) place = first_line_span(st.doc);
        emit(st, rule, ev, *place, false, {}, at_cell);
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

ReportResult evaluate(std::shared_ptr<const SourceText> source, const Document& doc,
                      const std::vector<BoundRuleset>& rulesets, const CheckOptions& options) {
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
        Evaluator ev(doc, *rs, bound.sections, bound.tables, &options);
        for (const auto* rule : rs->rules)
            if (!options.disabled.count(rule->id)) run_rule(st, *rule, ev);
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
