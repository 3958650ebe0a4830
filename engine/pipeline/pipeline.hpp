// The pipeline: one report, or a batch of them, taken through the stages
// read -> model -> bind -> eval.  Here, and nowhere below, is a file read, its
// Document built, the rule sets that apply chosen and bound, and the bound
// document handed to the evaluator.  A Pipeline holds no mutable state: many
// reports may go through it at once, each on its own thread.
#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "eval/checker.hpp"
#include "grammar/compile.hpp"
#include "read/decode.hpp"

namespace nianbao {

class Pipeline {
public:
    explicit Pipeline(const rules::RuleLibrary& library, std::shared_ptr<const CheckOptions> options = nullptr,
                      ReadLimits limits = {})
        : library_(library),
          options_(options ? std::move(options) : std::make_shared<const CheckOptions>()),
          limits_(limits) {}

    // Reads one report file (any supported format) and checks it; a file that
    // cannot be read gives a result with `error` set and nothing else.
    [[nodiscard]] ReportResult check_file(const std::filesystem::path& path) const;
    // Checks a report already decoded.
    [[nodiscard]] ReportResult check_source(std::shared_ptr<const SourceText> source) const;
    // The rule sets that run on a document: those whose `applies` holds, less
    // the ones another of them derives from; each with its sections and tables bound.
    [[nodiscard]] std::vector<BoundRuleset> bind_rulesets(const Document& doc) const;

    [[nodiscard]] const rules::RuleLibrary& library() const { return library_; }

private:
    const rules::RuleLibrary& library_;
    std::shared_ptr<const CheckOptions> options_;
    ReadLimits limits_;
};

// ---- batches ----------------------------------------------------------------

// Receives a batch's results in input order: (index into the inputs, result).
using ResultSink = std::function<void(std::size_t, ReportResult&&)>;
// Told, on the worker thread that checked it, of each file as it is done (in
// the order they finish): for progress displays.
using DoneCallback = std::function<void(const std::filesystem::path&)>;

// Checks `files` on up to `jobs` threads (the calling thread is one of them).
// `sink` is called on the calling thread, strictly in input order, each result
// as soon as it and every one before it are done; a result is not kept once
// given to the sink.  A file that cannot be read, or whose check throws, gives
// its error result; the other files are still checked.  Neither callback may throw.
void check_batch(const Pipeline& pipeline, const std::vector<std::filesystem::path>& files, unsigned jobs,
                 const ResultSink& sink, const DoneCallback& done = {});
// The same, collected: the results in input order.
[[nodiscard]] std::vector<ReportResult> check_batch(const Pipeline& pipeline,
                                                    const std::vector<std::filesystem::path>& files, unsigned jobs,
                                                    const DoneCallback& done = {});

}  // namespace nianbao
