// The pipeline: one report through read -> model -> bind -> eval, and batches
// on a pool of threads with the results handed on in input order.
#include <catch2/catch.hpp>

#include <pthread.h>

#include <atomic>
#include <thread>

#include "cli/builtin_rules.hpp"
#include "grammar/compile.hpp"
#include "helpers.hpp"
#include "pipeline/pipeline.hpp"

using namespace nianbao;
using nianbao::test::sample_path;

namespace {

rules::CompileResult builtin_library() {
    std::vector<std::shared_ptr<const SourceText>> files;
    for (const auto& f : builtin_rule_files())
        files.push_back(std::make_shared<const SourceText>(std::string(f.name), std::string(f.text)));
    return rules::compile_rules(files);
}

std::vector<std::string> finding_keys(const ReportResult& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings)
        out.push_back(f.rule + "@" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.column) + " " + f.message);
    return out;
}

}  // namespace

TEST_CASE("pipeline: a batch keeps input order on two threads; an unreadable file gives its error", "[pipeline]") {
    auto lib = builtin_library();
    REQUIRE(lib.ok());
    Pipeline pipeline(*lib.library);
    // the slowest file (a PDF) first, so that the second thread finishes later files before it
    const std::vector<std::filesystem::path> files = {
        sample_path("007_hongze-district-2023.pdf"),
        sample_path("002_16652a60a82de5e5.txt"),
        sample_path("no-such-report.txt"),
        sample_path("000_6a703f7dda0af042.txt"),
        sample_path("005_hongze-district-2023.html"),
    };
    std::vector<std::size_t> order;
    std::vector<ReportResult> results;
    const auto caller = std::this_thread::get_id();
    bool on_caller = true;
    check_batch(pipeline, files, 2, [&](std::size_t i, ReportResult&& r) {
        order.push_back(i);
        on_caller = on_caller && std::this_thread::get_id() == caller;
        results.push_back(std::move(r));
    });
    CHECK(on_caller);
    REQUIRE(order == std::vector<std::size_t>{0, 1, 2, 3, 4});
    REQUIRE(results.size() == files.size());
    for (std::size_t i = 0; i < files.size(); ++i) CHECK(results[i].path == files[i].string());

    REQUIRE(results[2].error);
    CHECK(results[2].error->path == files[2].string());
    CHECK_FALSE(results[2].error->reason.empty());
    CHECK(results[2].findings.empty());

    // every other file is checked, exactly as on its own
    for (std::size_t i : {0u, 1u, 3u, 4u}) {
        INFO(files[i].string());
        CHECK_FALSE(results[i].error);
        CHECK_FALSE(results[i].formats.empty());
        ReportResult alone = pipeline.check_file(files[i]);
        CHECK(finding_keys(results[i]) == finding_keys(alone));
        CHECK(results[i].facts == alone.facts);
    }
    // the PDF has findings (its table 四 does not add up), so equal findings mean something
    CHECK_FALSE(results[0].findings.empty());
}

TEST_CASE("pipeline: the collected batch equals the streamed one; progress hears of every file", "[pipeline]") {
    auto lib = builtin_library();
    REQUIRE(lib.ok());
    Pipeline pipeline(*lib.library);
    const std::vector<std::filesystem::path> files = {
        sample_path("008_huaian-city-2024.txt"),
        sample_path("001_54cbd9d051963413.txt"),
        std::filesystem::path(NIANBAO_SOURCE_DIR) / "reports-samples",  // a directory: unreadable
        sample_path("003_f29a9ed548c71819.txt"),
    };
    std::atomic<std::size_t> done{0};
    auto results = check_batch(pipeline, files, 2, [&](const std::filesystem::path&) { ++done; });
    CHECK(done == files.size());
    REQUIRE(results.size() == files.size());
    CHECK(results[2].error);
    for (std::size_t i : {0u, 1u, 3u}) {
        CHECK_FALSE(results[i].error);
        CHECK(results[i].path == files[i].string());
        CHECK(finding_keys(results[i]) == finding_keys(pipeline.check_file(files[i])));
    }
    CHECK(check_batch(pipeline, {}, 2).empty());
}

TEST_CASE("pipeline: only the most specific rule sets that apply run, with their tables bound", "[pipeline]") {
    auto lib = builtin_library();
    REQUIRE(lib.ok());
    Pipeline pipeline(*lib.library);
    auto r = pipeline.check_file(sample_path("002_16652a60a82de5e5.txt"));
    REQUIRE_FALSE(r.error);
    // formats are the leaves that ran; rulesets adds their bases, so never fewer
    REQUIRE_FALSE(r.formats.empty());
    CHECK(r.rulesets.size() > r.formats.size());
    for (const auto& f : r.formats) {
        const auto* rs = lib.library->find_ruleset(f);
        REQUIRE(rs);
        for (const auto& other : r.formats) {
            const auto* o = lib.library->find_ruleset(other);
            CHECK_FALSE((o != rs && o->derives_from(rs)));
        }
    }
    CHECK_FALSE(r.tables.empty());
}

// A batch thread may have far less stack than the main thread (and a sanitizer
// build's frames are ~10x larger): a long chain of facts must become "not
// assessable" on whatever stack the report is checked on, never overflow it.
TEST_CASE("pipeline: a 3,000-fact chain on a 1 MiB thread stack is not assessable, no overflow", "[pipeline]") {
    std::string text = "ruleset fz \"fuzz\" {\n  applies always\n  source \"x\"\n}\nfact f0 = 1\n";
    for (int i = 1; i <= 3000; ++i) text += "fact f" + std::to_string(i) + " = f" + std::to_string(i - 1) + " + 1\n";
    text += "rule A-1 error \"t\" {\n  source \"s\"\n  require f3000 > 0\n  message \"m\"\n}\n";
    std::vector<std::shared_ptr<const SourceText>> files = {std::make_shared<const SourceText>("chain.rules", text)};
    auto lib = rules::compile_rules(files);
    INFO(rules::format_diagnostics(lib.diagnostics));
    REQUIRE(lib.ok());
    Pipeline pipeline(*lib.library);

    struct Job {
        const Pipeline* pipeline;
        ReportResult result;
    } job{&pipeline, {}};
    pthread_attr_t attr;
    REQUIRE(pthread_attr_init(&attr) == 0);
    REQUIRE(pthread_attr_setstacksize(&attr, 1u << 20) == 0);
    pthread_t thread;
    auto body = [](void* p) -> void* {
        auto* j = static_cast<Job*>(p);
        j->result = j->pipeline->check_source(std::make_shared<const SourceText>("r.txt", "报告\n"));
        return nullptr;
    };
    REQUIRE(pthread_create(&thread, &attr, body, &job) == 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);

    REQUIRE(job.result.findings.size() == 1);
    CHECK(job.result.findings[0].rule == "A-1");
    CHECK(job.result.findings[0].message.find("无法评估") != std::string::npos);
    INFO(job.result.findings[0].message);
    CHECK(job.result.findings[0].message.find("嵌套过深") != std::string::npos);
}
