// Expressions of the rule language: evaluating a node (with the depth and stack
// guard), the operators (and/or, ??, comparison, arithmetic on numbers, dates,
// strings and lists) and the truth of a value.  Names, members, patterns,
// tables and built-in functions are in their own files (eval/evaluator.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/stack.hpp"
#include "eval/evaluator.hpp"

namespace nianbao::eval {

using rules::Expr;
using rules::ExprKind;

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
        return Value::missing("无法比较 " + std::string(to_string(a.kind)) + " 与 " +
                              std::string(to_string(b.kind)));
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
    if (op == "~" || op == "!~") return matches(op, a, b);
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
        if (auto d = add_days(a.date, op == "+" ? b.num : -b.num)) return Value::of_date(*d);
        return Value::missing(fmt::format("日期超出范围（{}至{}年）", kMinYear, kMaxYear));
    }
    if (a.kind == Kind::date && b.kind == Kind::date && op == "-") {
        if (!a.date.day || !b.date.day) return Value::missing("日期不完整");
        if (!date_in_range(a.date) || !date_in_range(b.date))
            return Value::missing(fmt::format("日期超出范围（{}至{}年）", kMinYear, kMaxYear));
        return Value::number(static_cast<double>(days_from_civil(a.date.year, a.date.month, a.date.day) -
                                                 days_from_civil(b.date.year, b.date.month, b.date.day)));
    }
    if (a.kind == Kind::string && b.kind == Kind::string && op == "+") return Value::string(a.str + b.str);
    if (a.kind == Kind::list && b.kind == Kind::list && op == "+") {
        Value l = a;
        l.items.insert(l.items.end(), b.items.begin(), b.items.end());
        return l;
    }
    if (a.kind != Kind::number || b.kind != Kind::number) {
        return Value::missing("“" + op + "”需要数字，得到 " + std::string(to_string(a.kind)) + " 与 " +
                              std::string(to_string(b.kind)));
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

}  // namespace nianbao::eval
