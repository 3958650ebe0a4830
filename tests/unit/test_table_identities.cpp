// Every cell of a real, balanced table 三 (淮安市 2024, PDF text layer), changed
// by one, makes exactly the identities that involve it fail -- T3-02 for its
// column if the row is 新收/结转/办理总计/结转下年, T3-03 for its column if the
// row is an outcome row or 办理总计, T3-04 for its row -- each finding at the
// line of the total it contradicts, with the numbers in the message.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "helpers.hpp"
#include "cli/builtin_rules.hpp"
#include "core/utf8.hpp"
#include "pipeline/pipeline.hpp"
#include "grammar/compile.hpp"

using namespace nianbao;

namespace {

using test::slurp;

rules::CompileResult builtin_library() {
    std::vector<std::shared_ptr<const SourceText>> files;
    for (const auto& f : builtin_rule_files())
        files.push_back(std::make_shared<const SourceText>(std::string(f.name), std::string(f.text)));
    return rules::compile_rules(files);
}

// Byte offset of (line, code-point column) in text.
std::size_t offset_of(const std::string& text, std::uint32_t line, std::uint32_t col) {
    std::size_t i = 0;
    for (std::uint32_t l = 1; l < line; ++l) i = text.find('\n', i) + 1;
    for (std::uint32_t c = 1; c < col; ++c) utf8::next(text, i);
    return i;
}

const std::string kRowsOfT302[] = {"新收", "结转", "办理总计", "结转下年"};
const std::set<std::string> kOutcomeRows = {"予以公开", "部分公开", "国家秘密", "法规禁止", "三安全一稳定",
                                            "第三方权益", "内部事务", "过程性信息", "执法案卷", "查询事项",
                                            "不掌握", "另行制作", "补正不明确", "信访举报", "重复申请",
                                            "公开出版物", "大量反复", "确认重新出具", "逾期不补正", "逾期未缴费",
                                            "其他处理其他", "其他处理合并"};

}  // namespace

TEST_CASE("changing any single cell of a balanced table 三 breaks exactly the identities involving it",
          "[eval][tables][identities]") {
    auto lib = builtin_library();
    REQUIRE(lib.ok());
    Pipeline pipeline(*lib.library);
    const std::string path = std::string(NIANBAO_SOURCE_DIR) + "/reports-samples/008_huaian-city-2024.txt";
    const std::string original = slurp(path);
    REQUIRE_FALSE(original.empty());

    auto base = pipeline.check_source(std::make_shared<const SourceText>(path, original));
    for (const auto& f : base.findings) {
        INFO(f.rule << " line " << f.pos.line << ": " << f.message);
        CHECK_FALSE((f.rule.rfind("T3-", 0) == 0 && f.severity == Severity::error));
    }
    const ExtractedTable* table = nullptr;
    for (const auto& t : base.tables)
        if (t.name == "申请表") table = &t;
    REQUIRE(table);
    REQUIRE(table->found);

    // where each total lives: 办理总计[c] and [r, 总计]
    std::map<std::string, std::uint32_t> total_line_of_column, total_line_of_row;
    std::map<std::string, std::string> label_of_column;
    for (const auto& row : table->rows) {
        for (const auto& c : row.cells) {
            if (row.name == "办理总计") total_line_of_column[c.column] = c.pos.line;
            if (c.column == "总计") total_line_of_row[row.name] = c.pos.line;
            label_of_column[c.column] = c.column_label;
        }
    }

    std::size_t mutated = 0;
    for (const auto& row : table->rows) {
        if (!row.found) continue;
        for (const auto& cell : row.cells) {
            if (cell.state != "number") continue;
            ++mutated;
            std::string text = original;
            std::size_t at = offset_of(text, cell.pos.line, cell.pos.column);
            std::size_t len = 0;
            while (at + len < text.size() && std::isdigit(static_cast<unsigned char>(text[at + len]))) ++len;
            REQUIRE(len > 0);
            long value = std::stol(text.substr(at, len));
            text.replace(at, len, std::to_string(value + 1));

            auto r = pipeline.check_source(std::make_shared<const SourceText>(path, text));
            std::multiset<std::string> got, want;
            for (const auto& f : r.findings) {
                if (f.severity != Severity::error) continue;
                if (f.rule != "T3-02" && f.rule != "T3-03" && f.rule != "T3-04" && f.rule != "T3-08" &&
                    f.rule.rfind("T3-01", 0) != 0)
                    continue;
                std::string key = f.rule + "@" + std::to_string(f.pos.line);
                got.insert(key);
                // the finding names its cells: the total it is placed at, and among the
                // operands the changed cell, each where it is in the report
                INFO(key << " " << f.message);
                REQUIRE_FALSE(f.cells.empty());
                CHECK(f.cells.front().at);
                CHECK(f.cells.front().table == "申请表");
                CHECK(f.cells.front().pos.line == f.pos.line);
                CHECK(f.cells.front().pos.column == f.pos.column);
                CHECK(std::count_if(f.cells.begin(), f.cells.end(), [](const FindingCell& c) { return c.at; }) == 1);
                CHECK(std::any_of(f.cells.begin(), f.cells.end(), [&](const FindingCell& c) {
                    return c.row == row.name && c.column == cell.column && c.pos.line == cell.pos.line &&
                           c.pos.column == cell.pos.column;
                }));
                // the message shows the numbers: a changed 总计 appears in it as written
                if (f.rule == "T3-04" && cell.column == "总计")
                    CHECK(f.message.find("总计为" + std::to_string(value + 1)) != std::string::npos);
            }
            bool in_t302 = std::find(std::begin(kRowsOfT302), std::end(kRowsOfT302), row.name) != std::end(kRowsOfT302);
            if (in_t302) want.insert("T3-02@" + std::to_string(total_line_of_column[cell.column]));
            if (kOutcomeRows.count(row.name) || row.name == "办理总计")
                want.insert("T3-03@" + std::to_string(total_line_of_column[cell.column]));
            want.insert("T3-04@" + std::to_string(total_line_of_row[row.name]));
            INFO("changed " << row.name << "/" << cell.column << " at line " << cell.pos.line << " from " << value
                            << " to " << value + 1);
            CHECK(got == want);
        }
    }
    CHECK(mutated >= 168);  // 24 bound rows x 7 columns (the merged （六） row is absent in the 2021 layout)
}
