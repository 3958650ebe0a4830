// The table binder's parts (engine/bind/tokens*, values, stream, rows): one
// table written in each layout reads as the same tokens, so that matching
// row labels knows no layout.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "bind/rows.hpp"
#include "bind/stream.hpp"
#include "bind/tokens.hpp"
#include "bind/values.hpp"
#include "model/document.hpp"

using namespace nianbao;
using bind::Tok;
using bind::TokKind;

namespace {

struct Read {
    std::unique_ptr<SourceText> src;
    CharNormalizer norm;
    Document doc;
    std::vector<Tok> toks;
    explicit Read(std::string text) {
        src = std::make_unique<SourceText>("<test>", std::move(text));
        doc = build_document(*src, norm);
        toks = bind::tokenize(doc, Span{0, static_cast<std::uint32_t>(doc.view.text().size())});
    }
    // kind:text per token, rows separated by " | "
    std::string shape() const {
        std::string out;
        for (std::size_t i = 0; i < toks.size(); ++i) {
            const Tok& t = toks[i];
            if (i && toks[i - 1].row != t.row) out += " | ";
            else if (i) out += " ";
            out += t.kind == TokKind::label ? "L:" : t.kind == TokKind::unit ? "U:" : "V:";
            out += t.kind == TokKind::value && t.val.state == CellState::blank ? "_" : t.text;
        }
        return out;
    }
};

const char* const kShape = "L:一、甲项 V:3 V:_ V:1 | L:二、乙项 U:件 V:0 V:2 V:-";

}  // namespace

TEST_CASE("tokens: one table in every layout reads the same", "[bind][tokens]") {
    Read md("| 一、甲项 | 3 |  | 1 |\n|---|---|---|---|\n| 二、乙项 | 件 | 0 | 2 | - |\n");
    Read cells("\t一、甲项\n\t3\n\t\n\t1\n\n\t二、乙项\n\t件\n\t0\n\t2\n\t-\n");
    Read tsv("一、甲项\t3\t\t1\n二、乙项\t件\t0\t2\t-\n");
    REQUIRE(md.doc.tables.size() == 1);
    CHECK(md.doc.tables[0].layout == TableLayout::markdown);
    REQUIRE(cells.doc.tables.size() == 1);
    CHECK(cells.doc.tables[0].layout == TableLayout::cell_per_line);
    REQUIRE(tsv.doc.tables.size() == 1);
    CHECK(tsv.doc.tables[0].layout == TableLayout::tab_separated);
    CHECK(md.shape() == kShape);
    CHECK(cells.shape() == kShape);
    CHECK(tsv.shape() == kShape);
    // each model-table row ends at its last token
    for (const Read* r : {&md, &cells, &tsv}) {
        REQUIRE(r->toks.size() == 9);
        CHECK(r->toks[3].row_end);
        CHECK(r->toks[8].row_end);
        CHECK_FALSE(r->toks[2].row_end);
        CHECK(r->toks[0].column == -1);  // model-table tokens carry no text column
    }
}

TEST_CASE("tokens: space-aligned lines keep code-point columns, lose empty cells", "[bind][tokens]") {
    Read spaced("一、甲项    3    1\n二、乙项    0    2    -\n");
    CHECK(spaced.doc.tables.empty());
    CHECK(spaced.shape() == "L:一、甲项 V:3 V:1 | L:二、乙项 V:0 V:2 V:-");
    REQUIRE(spaced.toks.size() == 7);
    CHECK(spaced.toks[0].column == 0);
    CHECK(spaced.toks[1].column == 8);
    CHECK(spaced.toks[1].line == 1);
    CHECK(spaced.toks[2].row_end);
    // "2023 年": a single space between a number and a Han character joins them
    Read joined("共 21 件    5\n");
    CHECK(joined.shape() == "L:共 V:21件 V:5");
}

TEST_CASE("tokens: notes, page numbers and short text values", "[bind][tokens]") {
    Read r("\t一、甲项\n\t22\n\t(其中修订16件)\n\t是\n\n\t- 4 -\n\t二、乙项\n\t1\n");
    REQUIRE(r.doc.tables.size() == 1);
    CHECK(r.shape() == "L:一、甲项 V:22 V:是 | L:二、乙项 V:1");
    CHECK(r.toks[1].val.note == "其中修订16件");
    CHECK(r.toks[2].val.state == CellState::text);
}

TEST_CASE("values: numbers, units, notes, dashes", "[bind][values]") {
    auto v = bind::parse_value("96171.6万元");
    REQUIRE(v);
    CHECK(v->state == CellState::number);
    CHECK(v->number == Approx(96171.6));
    CHECK(v->unit == "万元");
    CHECK(bind::parse_value("1,234")->number == 1234);
    CHECK(bind::parse_value("22(其中修订16件)")->note == "其中修订16件");
    CHECK(bind::parse_value("—")->state == CellState::dash);
    CHECK_FALSE(bind::parse_value("1,"));
    CHECK_FALSE(bind::parse_value("12项目"));
    CHECK(bind::is_unit_text("个/人/万元"));
    CHECK_FALSE(bind::is_unit_text("个/"));
    CHECK(bind::is_note_text("(其中修订16件)"));
    CHECK_FALSE(bind::is_note_text("(其中修订)"));
}

TEST_CASE("stream and rows: a label split over cells, values fitted to the columns", "[bind][rows]") {
    Read r("| 一、甲 | 项 | 3 | 1 |  |\n| 二、乙项 | 0 |\n");
    bind::Stream s = bind::build_stream(r.toks);
    CHECK(s.text == "一、甲项二、乙项");
    CHECK(s.tok.size() == 3);
    bind::RowBinder binder(r.toks);
    std::vector<bind::Pattern> pats = {{"一、甲项", bind::MatchKind::label}};
    auto occs = binder.occurrences(s, pats, 2);
    REQUIRE(occs.size() == 1);
    CHECK(occs[0].ok);  // the trailing empty cell is dropped to fit 2 columns
    REQUIRE(occs[0].values.size() == 2);
    CHECK(r.toks[occs[0].values[0]].text == "3");
    auto three = binder.occurrences(s, pats, 3);
    REQUIRE(three.size() == 1);
    CHECK(three[0].ok);
    auto four = binder.occurrences(s, pats, 4);
    REQUIRE(four.size() == 1);
    CHECK_FALSE(four[0].ok);
    CHECK(four[0].problem.find("应有4个") != std::string::npos);
    // "二、乙项" is not found as "乙项" inside another label: only at a token start or after its marker
    auto inner = binder.occurrences(s, {{"乙项", bind::MatchKind::unnumbered}}, 1);
    CHECK(inner.empty());
}
