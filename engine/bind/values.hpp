// The values of table cells as written: numbers (with a unit or a note),
// dashes, units written in a cell of their own, notes written apart from
// their number.  Internal to engine/bind.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "bind/tables.hpp"

namespace nianbao::bind {

struct Parsed {
    CellState state = CellState::text;
    double number = 0;
    std::string unit, note;
};

// "-", "—", "/", "／", "无" ...: written, but not a number.
bool is_dash_text(std::string_view t);
// "0", "96171.6", "1,234", "-3", "96171.6万元", "22(其中修订16件)", or a dash; nullopt otherwise.
std::optional<Parsed> parse_value(std::string_view t);
// A cell that is nothing but a unit: "件", "万元", "个/人/万元".
bool is_unit_text(std::string_view t);
// "(其中修订16件)": a note written apart from its number.
bool is_note_text(std::string_view t);

}  // namespace nianbao::bind
