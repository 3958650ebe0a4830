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
#include "eval/links.hpp"
#include "eval/passages.hpp"
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
    // cannot be read gives a result with `error` set and nothing else.  `links`
    // answers the rules that ask of other reports (else they are not assessable).
    [[nodiscard]] ReportResult check_file(const std::filesystem::path& path, const ReportLinks* links = nullptr) const;
    // Checks a report already decoded.
    [[nodiscard]] ReportResult check_source(std::shared_ptr<const SourceText> source,
                                            const ReportLinks* links = nullptr) const;
    // Reads and binds a report for other reports' rules to look into; null, with
    // `why`, when it cannot be read.
    [[nodiscard]] std::shared_ptr<const LoadedReport> load(const std::filesystem::path& path, std::string& why) const;
    // The rule sets that run on a document: those whose `applies` holds, less
    // the ones another of them derives from; each with its sections and tables bound.
    [[nodiscard]] std::vector<BoundRuleset> bind_rulesets(const Document& doc) const;

    [[nodiscard]] const rules::RuleLibrary& library() const { return library_; }
    [[nodiscard]] const CheckOptions& options() const { return *options_; }

private:
    const rules::RuleLibrary& library_;
    std::shared_ptr<const CheckOptions> options_;
    ReadLimits limits_;
};

// ---- batches ----------------------------------------------------------------

// What a batch knows of one of its files before any is checked (links.cpp):
// whose report for which year it is, its facts, and its text's fingerprint.
struct SurveyEntry {
    std::string path;
    bool ok = false;                 // read and bound
    bool history = false;            // from --history: looked into, not checked
    ReportIdentity id;
    std::vector<std::pair<std::string, std::string>> facts;
    MinHash signature{};
    struct PassageAt {
        std::uint64_t hash = 0;
        LineCol pos;                   // where it starts in the file's text
        std::optional<Origin> origin;  // and in the original file
    };
    std::vector<PassageAt> passages;   // sorted by hash
    std::size_t copy_of = static_cast<std::size_t>(-1);      // index of the file it is a copy of
};
[[nodiscard]] SurveyEntry survey_file(const Pipeline& pipeline, const std::filesystem::path& path);

// The batch as the rules that compare reports see it: every file's survey,
// the copies of one report recognised, and the other reports read on demand
// (a few at a time, so that memory does not grow with the batch).
class Batch {
public:
    Batch(const Pipeline& pipeline, std::vector<SurveyEntry> entries);
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
    [[nodiscard]] const std::vector<SurveyEntry>& entries() const { return entries_; }
    // The links of entry i, for checking it.
    [[nodiscard]] std::unique_ptr<ReportLinks> links(std::size_t i) const;
    struct Impl;

private:
    std::vector<SurveyEntry> entries_;
    std::unique_ptr<Impl> impl_;
};

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
//
// When the batch has more than one file, or `history` names earlier years'
// reports, every file is first surveyed (read, bound, its identity and text
// fingerprint kept) so that rules may compare reports: the same agency's
// previous year (in the batch or the history), the agencies below it, similar
// reports.  History files are never checked or reported.  A second file of the
// same report (same agency and year) gets a REPORT-COPY note naming the first
// and `copy_of` set; the rules that compare reports run on the first only.
void check_batch(const Pipeline& pipeline, const std::vector<std::filesystem::path>& files, unsigned jobs,
                 const ResultSink& sink, const DoneCallback& done = {},
                 const std::vector<std::filesystem::path>& history = {});
// The same, collected: the results in input order.
[[nodiscard]] std::vector<ReportResult> check_batch(const Pipeline& pipeline,
                                                    const std::vector<std::filesystem::path>& files, unsigned jobs,
                                                    const DoneCallback& done = {},
                                                    const std::vector<std::filesystem::path>& history = {});

}  // namespace nianbao
