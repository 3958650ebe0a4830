// Values of the rule language at evaluation time.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/source.hpp"
#include "grammar/ast.hpp"
#include "model/document.hpp"

namespace nianbao::eval {

enum class Kind { missing, boolean, number, string, date, regex, record, list, section, scope, table, row, column };
std::string_view to_string(Kind k);

struct Value {
    Kind kind = Kind::missing;
    bool b = false;
    double num = 0;
    std::string str;                 // string; missing: the reason
    Date date;
    const rules::Regex* re = nullptr;
    std::vector<std::pair<std::string, Value>> fields;  // record
    std::vector<Value> items;        // list
    std::vector<Span> scope;         // scope: view spans
    int section = -1;                // section: index into the bindings
    // tables: kind table -> table; row -> table, row; column -> table, column;
    // a cell is a number or missing value with table, row, column and cell_state set
    int table = -1, row = -1, column = -1;
    int cell_state = -1;             // CellState of a cell, -1 for other values
    std::optional<Span> place;       // view span of the value in the report
    // 0: a value of the report being checked; k > 0: of another report (the
    // evaluator's k-th held report, eval/cross.cpp), whose view `place` is in;
    // k < 0: of this report, naming too a place in another file that is not
    // read (the evaluator's (-k)-th far place: a similar report's passage).
    // A number from a table cell of another report keeps, in `str`, the cell's
    // row and column labels (for the finding's related location).
    int report = 0;

    static Value missing(std::string reason) { Value v; v.kind = Kind::missing; v.str = std::move(reason); return v; }
    static Value boolean(bool x) { Value v; v.kind = Kind::boolean; v.b = x; return v; }
    static Value number(double x, std::optional<Span> at = {}) { Value v; v.kind = Kind::number; v.num = x; v.place = at; return v; }
    static Value string(std::string s, std::optional<Span> at = {}) { Value v; v.kind = Kind::string; v.str = std::move(s); v.place = at; return v; }
    static Value of_date(Date d, std::optional<Span> at = {}) { Value v; v.kind = Kind::date; v.date = d; v.place = at; return v; }
    static Value of_scope(std::vector<Span> spans) { Value v; v.kind = Kind::scope; v.scope = std::move(spans); return v; }

    [[nodiscard]] bool is_missing() const { return kind == Kind::missing; }
    [[nodiscard]] const Value* field(std::string_view name) const;
};

// Days since 1970-01-01 of a full date, and back.
long days_from_civil(int y, int m, int d);
Date civil_from_days(long z);

// Date arithmetic stays within the years 1 to 9999 (docs/rule-language.md):
// a year outside them, or a result outside them, is no date (nullopt).
inline constexpr int kMinYear = 1, kMaxYear = 9999;
[[nodiscard]] bool date_in_range(const Date& d);
// date(Y, M, D) of numbers as written: nullopt unless a valid date in range.
std::optional<Date> make_date(double y, double m, double d);
// d + n days (n rounded); nullopt when d or the result is out of range.
std::optional<Date> add_days(const Date& d, double n);

// Renders a value for a message: numbers without trailing zeros, dates as
// 2024年1月18日, lists joined by 、, missing as （缺失）.
std::string render(const Value& v, const Document& doc);
std::string render_number(double x);

}  // namespace nianbao::eval
