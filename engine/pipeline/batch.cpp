// A batch of reports on a pool of threads, the results handed on in input order.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "pipeline/pipeline.hpp"

namespace nianbao {

namespace {

ReportResult check_one(const Pipeline& pipeline, const std::filesystem::path& file, const Batch* batch,
                       std::size_t index) {
    try {
        if (!batch) return pipeline.check_file(file);
        auto links = batch->links(index);
        ReportResult r = pipeline.check_file(file, links.get());
        if (!links->copy_of().empty() && !r.error) {
            // said once, at the report's first line
            r.copy_of = links->copy_of();
            Finding f;
            f.rule = "REPORT-COPY";
            f.title = "同一报告的另一文件";
            f.severity = Severity::note;
            f.message = fmt::format("与{}是同一报告（{}）：比较报告的规则只在该文件上运行，汇总只计一次",
                                    r.copy_of, links->self().label());
            if (r.source) {
                for (std::uint32_t l = 1; l <= r.source->line_count(); ++l) {
                    Span s = r.source->line_span(l);
                    if (s.empty()) continue;
                    f.span = s;
                    f.pos = r.source->locate(s.begin);
                    f.end = r.source->locate(s.end);
                    f.origin = r.source->origin(s.begin);
                    break;
                }
            }
            r.findings.insert(r.findings.begin(), std::move(f));
        }
        return r;
    } catch (const std::exception& e) {
        ReportResult r;
        r.path = file.string();
        r.error = InputError{file.string(), std::string("internal error: ") + e.what()};
        return r;
    }
}

}  // namespace

// Runs fn(i) for i in [0, n) on up to `jobs` threads (the calling one too).
void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& fn) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++) fn(i);
    };
    jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(n, 1))));
    std::vector<std::thread> pool;
    for (unsigned j = 1; j < jobs; ++j) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
}

std::unique_ptr<Batch> survey(const Pipeline& pipeline, const std::vector<std::filesystem::path>& files,
                              const std::vector<std::filesystem::path>& history, unsigned jobs) {
    std::vector<SurveyEntry> entries(files.size() + history.size());
    parallel_for(entries.size(), jobs, [&](std::size_t i) {
        const bool hist = i >= files.size();
        const auto& path = hist ? history[i - files.size()] : files[i];
        try {
            entries[i] = survey_file(pipeline, path);
        } catch (const std::exception&) {
            entries[i].path = path.string();  // not ok: its check says why
        }
        entries[i].history = hist;
    });
    return std::make_unique<Batch>(pipeline, std::move(entries));
}

void check_batch(const Pipeline& pipeline, const std::vector<std::filesystem::path>& files, unsigned jobs,
                 const ResultSink& sink, const DoneCallback& done, const std::vector<std::filesystem::path>& history) {
    const std::size_t n = files.size();
    std::unique_ptr<Batch> batch;
    if (n > 1 || !history.empty()) batch = survey(pipeline, files, history, jobs);
    std::vector<std::optional<ReportResult>> ready(n);  // done, not yet given to the sink
    std::mutex mu;
    std::condition_variable cv;
    std::atomic<std::size_t> next{0};
    auto check_and_store = [&](std::size_t i) {
        ReportResult r = check_one(pipeline, files[i], batch.get(), i);
        if (done) done(files[i]);
        {
            std::lock_guard<std::mutex> lock(mu);
            ready[i] = std::move(r);
        }
        cv.notify_one();
    };
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++) check_and_store(i);
    };
    // The calling thread checks files too, and between them hands on the
    // results that are next in order; when no file is left it waits for the rest.
    std::size_t emitted = 0;
    auto flush = [&](bool wait) {
        std::unique_lock<std::mutex> lock(mu);
        while (emitted < n) {
            if (!ready[emitted]) {
                if (!wait) return;
                cv.wait(lock, [&] { return ready[emitted].has_value(); });
            }
            ReportResult r = std::move(*ready[emitted]);
            ready[emitted].reset();
            lock.unlock();
            sink(emitted, std::move(r));
            ++emitted;
            lock.lock();
        }
    };
    jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(n, 1))));
    std::vector<std::thread> pool;
    for (unsigned j = 1; j < jobs; ++j) pool.emplace_back(worker);
    for (std::size_t i = next++; i < n; i = next++) {
        check_and_store(i);
        flush(false);
    }
    flush(true);
    for (auto& t : pool) t.join();
}

std::vector<ReportResult> check_batch(const Pipeline& pipeline, const std::vector<std::filesystem::path>& files,
                                      unsigned jobs, const DoneCallback& done,
                                      const std::vector<std::filesystem::path>& history) {
    std::vector<ReportResult> results;
    results.reserve(files.size());
    check_batch(
        pipeline, files, jobs, [&](std::size_t, ReportResult&& r) { results.push_back(std::move(r)); }, done, history);
    return results;
}

}  // namespace nianbao
