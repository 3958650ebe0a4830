// Comparing reports (issue 11): passages and shingles with digits masked, the
// MinHash estimate against the exact similarity, and a batch that recognises
// copies of one report and finds the previous year's report and similar ones.
#include <catch2/catch.hpp>

#include "cli/builtin_rules.hpp"
#include "core/textnorm.hpp"
#include "eval/passages.hpp"
#include "grammar/compile.hpp"
#include "helpers.hpp"
#include "model/document.hpp"
#include "pipeline/pipeline.hpp"

using namespace nianbao;
using nianbao::test::sample_path;

namespace {

Document doc_of(const SourceText& src) {
    CharNormalizer norm;
    return build_document(src, norm);
}

rules::CompileResult builtin_library() {
    std::vector<std::shared_ptr<const SourceText>> files;
    for (const auto& f : builtin_rule_files())
        files.push_back(std::make_shared<const SourceText>(std::string(f.name), std::string(f.text)));
    return rules::compile_rules(files);
}

}  // namespace

TEST_CASE("passages: sentences across line breaks, numbers and layout masked", "[cross]") {
    SourceText a("a.txt", "2023年，我区共收到政府信息公开申请21件，\n全部按时办结。表格 | 1 | 2 |\n");
    SourceText b("b.txt", "2024年，我区共收到政府信息公开申请 35 件，全部按时办结。\n");
    Document da = doc_of(a), db = doc_of(b);
    auto pa = passages_of(da), pb = passages_of(db);
    REQUIRE(pa.size() == 1);
    REQUIRE(pb.size() == 1);
    CHECK(pa[0].hash == pb[0].hash);  // the same sentence, other year and number, other line break
    CHECK(da.view_text(pa[0].view).substr(0, 4) == "2023");
    SourceText c("c.txt", "2024年，我区共收到政府信息公开申请35件，部分按时办结。\n");
    CHECK(passages_of(doc_of(c))[0].hash != pb[0].hash);
}

TEST_CASE("shingles: similarity and containment; MinHash estimates Jaccard", "[cross]") {
    std::string base;
    for (int i = 0; i < 200; ++i) base += "第" + std::to_string(i) + "项工作稳步推进，群众满意度不断提升，公开质量持续提高。";
    std::string changed = base;
    for (std::size_t at = 0; at < changed.size() / 3; at += 3) changed.replace(at, 3, "改");  // the first third rewritten
    auto sa = shingles_of(base), sb = shingles_of(changed);
    double exact = jaccard(sa, sb);
    CHECK(jaccard(sa, sa) == 1.0);
    CHECK(exact < 0.9);
    CHECK(containment(sa, sa) == 1.0);
    // the numbers differ in every sentence, yet after masking these are all the same few shingles
    CHECK(shingles_of("第1项") == shingles_of("第999项"));
    MinHash ma = minhash_of(sa), mb = minhash_of(sb);
    CHECK(estimate_similarity(ma, ma) == 1.0);
    CHECK(std::abs(estimate_similarity(ma, mb) - exact) < 0.25);
    auto other = shingles_of("政务公开工作年度报告由本机关办公室编制，内容包括六个部分。");
    CHECK(estimate_similarity(ma, minhash_of(other)) < 0.2);
}

TEST_CASE("a batch: copies of one report, the previous year, similar reports", "[cross]") {
    auto compiled = builtin_library();
    REQUIRE(compiled.ok());
    Pipeline pipeline(*compiled.library);
    std::vector<std::filesystem::path> files{sample_path("005_hongze-district-2023.html"),
                                             sample_path("006_hongze-district-2023.docx"),
                                             sample_path("010_hongze-district-2024.pdf")};
    std::vector<SurveyEntry> entries;
    for (const auto& f : files) entries.push_back(survey_file(pipeline, f));
    REQUIRE(entries[0].ok);
    CHECK(entries[0].id.year == 2023);
    CHECK(entries[2].id.year == 2024);
    Batch batch(pipeline, std::move(entries));
    // the Word file is the web page's copy; 2024 names itself 淮安市洪泽区人民政府, 2023 洪泽区人民政府: one agency
    CHECK(batch.entries()[1].copy_of == 0);
    CHECK(batch.entries()[0].copy_of == static_cast<std::size_t>(-1));
    CHECK(batch.entries()[0].id.agency == batch.entries()[2].id.agency);
    auto links = batch.links(2);
    std::string why;
    auto prev = links->report(ReportIdentity{links->self().agency, 2023}, why);
    REQUIRE(prev);
    CHECK(prev->source->path() == files[0].string());
    CHECK_FALSE(links->report(ReportIdentity{links->self().agency, 2022}, why));
    CHECK(why.find("2022") != std::string::npos);
    CHECK(batch.links(1)->copy_of() == files[0].string());
    // the same agency's reports are not "another agency's" similar report
    CHECK(links->similar(prev->doc, 0.0).empty());
}
