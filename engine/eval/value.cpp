#include "eval/value.hpp"

#include "bind/tables.hpp"

#include <cmath>
#include <cstdio>

namespace nianbao::eval {

std::string_view to_string(Kind k) {
    switch (k) {
        case Kind::missing: return "missing";
        case Kind::boolean: return "boolean";
        case Kind::number: return "number";
        case Kind::string: return "string";
        case Kind::date: return "date";
        case Kind::regex: return "pattern";
        case Kind::record: return "record";
        case Kind::list: return "list";
        case Kind::section: return "section";
        case Kind::scope: return "scope";
        case Kind::table: return "table";
        case Kind::row: return "row";
        case Kind::column: return "column";
    }
    return "?";
}

const Value* Value::field(std::string_view name) const {
    for (const auto& [k, v] : fields)
        if (k == name) return &v;
    return nullptr;
}

// Howard Hinnant's civil calendar algorithms.
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = yoe + era * 400;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp + (mp < 10 ? 3 : -9);
    return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

bool date_in_range(const Date& d) {
    return d.year >= kMinYear && d.year <= kMaxYear && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31;
}

std::optional<Date> make_date(double y, double m, double d) {
    // range-checked as doubles, before any conversion to int
    if (!(y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return std::nullopt;
    const Date in{static_cast<int>(std::lround(y)), static_cast<int>(std::lround(m)), static_cast<int>(std::lround(d))};
    if (!date_in_range(in)) return std::nullopt;
    return civil_from_days(days_from_civil(in.year, in.month, in.day));  // 2月30日 -> 3月2日, as before
}

std::optional<Date> add_days(const Date& d, double n) {
    if (!date_in_range(d)) return std::nullopt;
    constexpr double kSpan = 366.0 * (kMaxYear - kMinYear + 1);  // more days than the range holds
    if (!(std::fabs(n) <= kSpan)) return std::nullopt;            // also NaN
    const long z = days_from_civil(d.year, d.month, d.day) + std::lround(n);
    if (z < days_from_civil(kMinYear, 1, 1) || z > days_from_civil(kMaxYear, 12, 31)) return std::nullopt;
    return civil_from_days(z);
}

std::string render_number(double x) {
    if (std::isfinite(x) && std::fabs(x - std::round(x)) < 1e-9 && std::fabs(x) < 1e15) {
        return std::to_string(static_cast<long long>(std::llround(x)));
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", x);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string render(const Value& v, const Document& doc) {
    // a value of another report: its place is in that report's text, not in doc
    if (v.report > 0 && (v.place || !v.scope.empty())) {
        Value u = v;
        u.place.reset();
        u.report = 0;
        if (u.kind == Kind::scope) return "（另一报告的文字）";
        if (u.kind == Kind::number) u.cell_state = -1;
        for (auto& it : u.items) it.report = 0, it.place.reset();
        return render(u, doc);
    }
    switch (v.kind) {
        case Kind::missing:
            if (v.cell_state < 0) return "（缺失）";
            switch (static_cast<CellState>(v.cell_state)) {
                case CellState::blank: return "（空白）";
                case CellState::dash:
                case CellState::text: {  // as written
                    if (v.place && doc.source) {
                        Span src = doc.to_source(*v.place);
                        return std::string(std::string_view(doc.source->text()).substr(src.begin, src.size()));
                    }
                    return "（非数字）";
                }
                case CellState::unbound: return "（未读到）";
                default: return "（缺失）";
            }
        case Kind::boolean: return v.b ? "是" : "否";
        case Kind::number: return render_number(v.num);
        case Kind::string:
            // quote the report as written, not its matching view
            if (v.place && doc.source) {
                Span src = doc.to_source(*v.place);
                return std::string(std::string_view(doc.source->text()).substr(src.begin, src.size()));
            }
            return v.str;
        case Kind::date: return format_date(v.date);
        case Kind::regex: return v.re ? "/" + v.re->source + "/" : "//";
        case Kind::record: {
            if (const Value* t = v.field("text")) return render(*t, doc);
            std::string out;
            for (const auto& [k, f] : v.fields) {
                if (!out.empty()) out += "，";
                out += k + "=" + render(f, doc);
            }
            return out;
        }
        case Kind::list: {
            std::string out;
            for (const auto& it : v.items) {
                if (!out.empty()) out += "、";
                out += render(it, doc);
            }
            return out;
        }
        case Kind::section: return v.str;
        case Kind::table:
        case Kind::row:
        case Kind::column: return v.str;
        case Kind::scope: {
            std::string out;
            for (const auto& s : v.scope) out += std::string(doc.view_text(s));
            return out;
        }
    }
    return {};
}

}  // namespace nianbao::eval
