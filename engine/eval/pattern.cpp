// Patterns over the matching view: searching with ICU within the limits of one
// search, a match as a record of typed captures, what a value means as the
// scope of a search, and the searches of the rule language: first/last/all/
// count(REGEX, SCOPE) and the operators `~` / `!~`.
#include <unicode/regex.h>
#include <unicode/utext.h>

#include <memory>

#include "eval/evaluator.hpp"

namespace nianbao::eval {

namespace {

// Limits of one search (docs/rule-language.md, "Limits"): ICU's match steps
// (each on the order of a millisecond) and the backtracking stack, in bytes.
constexpr int32_t kMatchTimeLimit = 300;
constexpr int32_t kMatchStackLimit = 8 << 20;

}  // namespace

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

bool Evaluator::region_of(const Value& v, std::vector<Span>& spans, std::string& standalone, bool& has_standalone,
                          std::string& reason) {
    has_standalone = false;
    if (v.report > 0 && v.kind != Kind::missing) {
        reason = "另一报告的文字不能在本报告中查找：请写在 previous() 之内";
        return false;
    }
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
            reason = std::string(to_string(v.kind)) + " 不能作为查找范围";
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

// first(REGEX, SCOPE), last, all, count(REGEX, SCOPE) and count(LIST).
Value Evaluator::search(const rules::Expr& e, rules::Builtin id) {
    const std::string& text = doc_.view.text();
    Value re = arg(e, 0);
    if (id == rules::Builtin::count && e.args.size() == 1) {
        if (re.is_missing()) return re;
        if (re.kind == Kind::list) return Value::number(static_cast<double>(re.items.size()));
        return Value::missing("count() 需要列表");
    }
    if (re.is_missing()) return re;
    if (re.kind != Kind::regex || !re.re) return Value::missing(e.text + "() 的第一个参数应为模式");
    Value scope = arg(e, 1);
    std::vector<Span> spans;
    std::string standalone, reason;
    bool has_standalone = false;
    if (!region_of(scope, spans, standalone, has_standalone, reason)) return Value::missing(reason);
    std::vector<Value> hits;
    bool stop_first = id == rules::Builtin::first;
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
    if (limited) {
        limited_patterns.push_back(re.re->source);
        return Value::missing(match_limit_reason(*re.re));
    }
    if (id == rules::Builtin::count) return Value::number(static_cast<double>(hits.size()));
    if (id == rules::Builtin::all) {
        Value l;
        l.kind = Kind::list;
        l.items = std::move(hits);
        return l;
    }
    if (hits.empty()) return Value::missing("没有匹配 /" + re.re->source + "/");
    return id == rules::Builtin::first ? hits.front() : hits.back();
}

// a ~ re (a !~ re): whether re matches anywhere in a as a scope.
Value Evaluator::matches(const std::string& op, const Value& a, const Value& b) {
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
    if (limited) {
        limited_patterns.push_back(b.re->source);
        return Value::missing(match_limit_reason(*b.re));
    }
    return Value::boolean(op == "~" ? found : !found);
}

}  // namespace nianbao::eval
