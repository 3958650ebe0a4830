// `nianbao summarize`: for each reporting year and each declared table, the
// sum of every cell over the reports of that year (汇总), laid out as the rule
// set declares the table: its rows in order with their labels, its columns.
// A cell that is not a number in some report is not added as 0: the count of
// such reports is shown next to the sum and the reports are listed.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/utf8.hpp"
#include "eval/value.hpp"
#include "render/render.hpp"

namespace nianbao {

namespace {

struct Acc {
    double sum = 0;
    std::size_t numbers = 0;
    std::set<std::string> missing;  // reports where the cell is not a number
};

std::string pad(const std::string& s, std::size_t width, bool right) {
    std::size_t w = utf8::display_width(s);
    std::string fill(width > w ? width - w : 0, ' ');
    return right ? fill + s : s + fill;
}

}  // namespace

std::string render_summary(const std::vector<ReportResult>& results) {
    // year -> table name -> (row order, column order, cells)
    struct TableAcc {
        std::vector<std::pair<std::string, std::string>> rows;     // name, label
        std::vector<std::pair<std::string, std::string>> columns;  // name, label
        std::map<std::pair<std::string, std::string>, Acc> cells;  // (row, column)
        std::set<std::string> row_has_column;                      // "row\x1fcolumn"
        std::vector<std::string> reports;
    };
    std::map<std::string, std::map<std::string, TableAcc>> years;
    std::vector<const ReportResult*> copies;
    for (const auto& r : results) {
        if (r.error) continue;
        if (!r.copy_of.empty()) {  // another file of a report already counted
            copies.push_back(&r);
            continue;
        }
        std::string year = r.fact("year").empty() ? "?" : r.fact("year");
        for (const auto& t : r.tables) {
            if (!t.found) continue;
            TableAcc& acc = years[year][t.name];
            acc.reports.push_back(r.path);
            for (const auto& row : t.rows) {
                if (std::none_of(acc.rows.begin(), acc.rows.end(), [&](const auto& x) { return x.first == row.name; }))
                    acc.rows.emplace_back(row.name, row.label);
                for (const auto& c : row.cells) {
                    if (std::none_of(acc.columns.begin(), acc.columns.end(),
                                     [&](const auto& x) { return x.first == c.column; }))
                        acc.columns.emplace_back(c.column, c.column_label);
                    acc.row_has_column.insert(row.name + "\x1f" + c.column);
                    Acc& a = acc.cells[{row.name, c.column}];
                    if (c.state == "number") {
                        a.sum += c.number;
                        ++a.numbers;
                    } else if (row.found) {
                        a.missing.insert(r.path);
                    }
                }
            }
        }
    }
    std::string out;
    for (const auto& [year, tables] : years) {
        for (const auto& [name, acc] : tables) {
            out += fmt::format("== {}年度 {}：{}份报告 ==\n", year, name, acc.reports.size());
            // header
            std::size_t lw = 0;
            for (const auto& [rn, rl] : acc.rows) lw = std::max(lw, utf8::display_width(rl));
            lw = std::min<std::size_t>(lw, 60);
            std::vector<std::size_t> cw;
            for (const auto& [cn, cl] : acc.columns) cw.push_back(std::max<std::size_t>(utf8::display_width(cl), 8));
            out += pad("", lw, false);
            for (std::size_t i = 0; i < acc.columns.size(); ++i) out += "  " + pad(acc.columns[i].second, cw[i], true);
            out += "\n";
            std::set<std::string> incomplete;
            for (const auto& [rn, rl] : acc.rows) {
                std::string label = rl;
                if (utf8::display_width(label) > lw) {
                    std::string cut;
                    std::size_t i = 0;
                    while (i < label.size() && utf8::display_width(cut) + 2 < lw) utf8::append(cut, utf8::next(label, i));
                    label = cut + "…";
                }
                out += pad(label, lw, false);
                for (std::size_t i = 0; i < acc.columns.size(); ++i) {
                    const auto& cn = acc.columns[i].first;
                    std::string cell;
                    if (acc.row_has_column.count(rn + "\x1f" + cn)) {
                        auto it = acc.cells.find({rn, cn});
                        if (it != acc.cells.end() && (it->second.numbers || !it->second.missing.empty())) {
                            // no report had a number here: there is no sum, not a sum of 0
                            cell = it->second.numbers ? eval::render_number(it->second.sum) : std::string("—");
                            if (!it->second.missing.empty()) {
                                cell += fmt::format("（缺{}）", it->second.missing.size());
                                incomplete.insert(it->second.missing.begin(), it->second.missing.end());
                            }
                        }
                    }
                    out += "  " + pad(cell, cw[i], true);
                }
                out += "\n";
            }
            if (!incomplete.empty()) {
                out += "（缺N）：N份报告的该单元格不是数字（空白、“—”或未读到），未计入合计：\n";
                for (const auto& p : incomplete) out += "  " + p + "\n";
            }
            out += "\n";
        }
    }
    if (out.empty()) out = "没有可汇总的表格（no bound tables）\n";
    if (!copies.empty()) {
        out += "同一报告的其他文件，只计一次（未重复计入）：\n";
        for (const auto* c : copies) out += "  " + c->path + "（同 " + c->copy_of + "）\n";
    }
    return out;
}

}  // namespace nianbao
