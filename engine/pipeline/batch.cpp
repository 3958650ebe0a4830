// A batch of reports on a pool of threads, the results handed on in input order.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "pipeline/pipeline.hpp"

namespace nianbao {

namespace {

ReportResult check_one(const Pipeline& pipeline, const std::filesystem::path& file) {
    try {
        return pipeline.check_file(file);
    } catch (const std::exception& e) {
        ReportResult r;
        r.path = file.string();
        r.error = InputError{file.string(), std::string("internal error: ") + e.what()};
        return r;
    }
}

}  // namespace

void check_batch(const Pipeline& pipeline, const std::vector<std::filesystem::path>& files, unsigned jobs,
                 const ResultSink& sink, const DoneCallback& done) {
    const std::size_t n = files.size();
    std::vector<std::optional<ReportResult>> ready(n);  // done, not yet given to the sink
    std::mutex mu;
    std::condition_variable cv;
    std::atomic<std::size_t> next{0};
    auto check_and_store = [&](std::size_t i) {
        ReportResult r = check_one(pipeline, files[i]);
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
                                      unsigned jobs, const DoneCallback& done) {
    std::vector<ReportResult> results;
    results.reserve(files.size());
    check_batch(pipeline, files, jobs, [&](std::size_t, ReportResult&& r) { results.push_back(std::move(r)); }, done);
    return results;
}

}  // namespace nianbao
