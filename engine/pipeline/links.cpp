// The batch as the rules that compare reports see it (pipeline.hpp, Batch):
// each file's survey, the reports by agency and year (the copies of one report
// recognised), a MinHash index of their texts (similar reports are found
// without comparing all pairs), and other reports read on demand into a small
// shared cache.
#include <fmt/format.h>

#include <algorithm>
#include <list>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "core/textnorm.hpp"
#include "core/utf8.hpp"
#include "pipeline/pipeline.hpp"

namespace nianbao {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::size_t kBands = 16;                      // LSH: 16 bands of 4 MinHash bins
constexpr std::size_t kRows = kMinHashSize / kBands;
constexpr std::size_t kCacheSize = 16;                  // other reports kept read at once
constexpr std::size_t kMaxSimilar = 10;                 // similar reports named per report

std::uint64_t band_key(const MinHash& sig, std::size_t band) {
    std::uint64_t h = 1469598103934665603ULL ^ band;
    for (std::size_t r = 0; r < kRows; ++r) {
        h ^= sig[band * kRows + r];
        h *= 1099511628211ULL;
    }
    return h;
}

// a, b name the same agency when one is the other with a prefix of at least
// two characters and the shorter has at least five (not just "人民政府").
bool same_agency(const std::string& a, const std::string& b) {
    const std::string& shorter = a.size() < b.size() ? a : b;
    const std::string& longer = a.size() < b.size() ? b : a;
    if (utf8::length(shorter) < 5 || longer.size() == shorter.size()) return false;
    if (utf8::length(std::string_view(longer).substr(0, longer.size() - shorter.size())) < 2) return false;
    return longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0;
}

}  // namespace

SurveyEntry survey_file(const Pipeline& pipeline, const std::filesystem::path& path) {
    SurveyEntry e;
    e.path = path.string();
    std::string why;
    auto rep = pipeline.load(path, why);
    if (!rep) return e;
    e.ok = true;
    e.id = rep->id;
    e.facts = report_facts(rep->doc, rep->rulesets, pipeline.options()).facts;
    e.signature = minhash_of(shingles_of(rep->doc.view.text()));
    for (const auto& p : passages_of(rep->doc)) {
        std::uint32_t at = rep->doc.to_source(p.view).begin;
        e.passages.push_back({p.hash, rep->source->locate(at), rep->source->origin(at)});
    }
    std::sort(e.passages.begin(), e.passages.end(), [](const auto& a, const auto& b) { return a.hash < b.hash; });
    return e;
}

struct Batch::Impl {
    const Pipeline& pipeline;
    const std::vector<SurveyEntry>& entries;
    std::map<std::pair<std::string, int>, std::size_t> by_identity;  // the first file of each report
    std::array<std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>, kBands> bands;
    // reports read for others' rules, most recently used first
    mutable std::mutex mu;
    mutable std::list<std::pair<std::size_t, std::shared_ptr<const LoadedReport>>> cache;
    mutable std::map<std::string, std::vector<std::pair<std::string, std::string>>> facts_by_name;  // fact -> (agency, value)

    Impl(const Pipeline& p, const std::vector<SurveyEntry>& e) : pipeline(p), entries(e) {}

    // The report of an agency and year: by its name, else by the one name of
    // that year that ends with the other (an agency names itself with or
    // without the region above it: 淮安市洪泽区人民政府, 洪泽区人民政府).
    [[nodiscard]] auto find(const ReportIdentity& id) const {
        auto it = by_identity.find({id.agency, id.year});
        if (it != by_identity.end() || id.agency.empty()) return it;
        auto found = by_identity.end();
        for (auto j = by_identity.begin(); j != by_identity.end(); ++j) {
            if (j->first.second != id.year || !same_agency(j->first.first, id.agency)) continue;
            if (found != by_identity.end()) return by_identity.end();  // two candidates: neither
            found = j;
        }
        return found;
    }

    std::shared_ptr<const LoadedReport> load(std::size_t i, std::string& why) const {
        {
            std::lock_guard<std::mutex> lock(mu);
            for (auto it = cache.begin(); it != cache.end(); ++it)
                if (it->first == i) {
                    cache.splice(cache.begin(), cache, it);
                    return cache.front().second;
                }
        }
        auto rep = pipeline.load(entries[i].path, why);
        if (!rep) {
            why = fmt::format("{}的报告（{}）读取失败：{}", entries[i].id.label(), entries[i].path, why);
            return nullptr;
        }
        std::lock_guard<std::mutex> lock(mu);
        cache.emplace_front(i, rep);
        if (cache.size() > kCacheSize) cache.pop_back();
        return rep;
    }
};

Batch::Batch(const Pipeline& pipeline, std::vector<SurveyEntry> entries)
    : entries_(std::move(entries)), impl_(std::make_unique<Impl>(pipeline, entries_)) {
    // an agency named with and without the region above it is one agency: the
    // longest of its names (when only one name is longer) is the one used
    std::set<std::string> names;
    for (const auto& e : entries_)
        if (e.ok && !e.id.agency.empty()) names.insert(e.id.agency);
    for (auto& e : entries_) {
        if (!e.ok || e.id.agency.empty()) continue;
        const std::string* longer = nullptr;
        int n = 0;
        for (const auto& other : names)
            if (other.size() > e.id.agency.size() && same_agency(other, e.id.agency)) longer = &other, ++n;
        if (n == 1) e.id.agency = *longer;
    }
    // the first file of a report (inputs before history, in order) is the one
    // compared; the others are its copies
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            auto& e = entries_[i];
            if (!e.ok || e.history != (pass == 1) || !e.id.known()) continue;
            auto [it, fresh] = impl_->by_identity.emplace(std::make_pair(e.id.agency, e.id.year), i);
            if (!fresh) e.copy_of = it->second;
        }
    }
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const auto& e = entries_[i];
        if (!e.ok || e.history || e.copy_of != kNone) continue;
        for (std::size_t b = 0; b < kBands; ++b)
            impl_->bands[b][band_key(e.signature, b)].push_back(static_cast<std::uint32_t>(i));
    }
}

Batch::~Batch() = default;

namespace {

class EntryLinks : public ReportLinks {
public:
    EntryLinks(const Batch::Impl& batch, std::size_t self) : batch_(batch), self_(self) {
        const auto& e = batch_.entries[self];
        if (e.copy_of != kNone) copy_of_ = batch_.entries[e.copy_of].path;
    }
    [[nodiscard]] const ReportIdentity& self() const override { return batch_.entries[self_].id; }
    [[nodiscard]] const std::string& copy_of() const override { return copy_of_; }

    [[nodiscard]] std::shared_ptr<const LoadedReport> report(const ReportIdentity& id, std::string& why) const override {
        auto it = batch_.find(id);
        if (it == batch_.by_identity.end()) {
            bool history = std::any_of(batch_.entries.begin(), batch_.entries.end(),
                                       [](const SurveyEntry& e) { return e.history; });
            why = fmt::format("批次中{}没有{}的报告", history ? "及历史目录（--history）中" : "", id.label());
            return nullptr;
        }
        return batch_.load(it->second, why);
    }

    [[nodiscard]] std::vector<std::string> children() const override {
        const auto& h = batch_.pipeline.options().hierarchy;
        auto it = h.find(self().agency);
        return it == h.end() ? std::vector<std::string>{} : it->second;
    }

    [[nodiscard]] std::vector<SimilarReport> similar(const Document& doc, double threshold) const override {
        const auto& me = batch_.entries[self_];
        if (!me.ok) return {};
        std::vector<std::uint32_t> candidates;
        for (std::size_t b = 0; b < kBands; ++b) {
            auto it = batch_.bands[b].find(band_key(me.signature, b));
            if (it == batch_.bands[b].end()) continue;
            candidates.insert(candidates.end(), it->second.begin(), it->second.end());
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        // the estimate for every candidate; the shared passages only for those named
        std::vector<std::pair<double, std::uint32_t>> alike;
        for (std::uint32_t j : candidates) {
            const auto& other = batch_.entries[j];
            if (j == self_ || other.path == me.path) continue;
            if (!me.id.agency.empty() && other.id.agency == me.id.agency) continue;
            double s = estimate_similarity(me.signature, other.signature);
            if (s >= threshold) alike.emplace_back(s, j);
        }
        auto by_similarity = [&](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : batch_.entries[a.second].path < batch_.entries[b.second].path;
        };
        std::size_t keep = std::min(alike.size(), kMaxSimilar);
        std::partial_sort(alike.begin(), alike.begin() + static_cast<std::ptrdiff_t>(keep), alike.end(), by_similarity);
        alike.resize(keep);
        std::vector<SimilarReport> out;
        std::vector<Passage> mine = alike.empty() ? std::vector<Passage>{} : passages_of(doc);
        for (const auto& [s, j] : alike) {
            const auto& other = batch_.entries[j];
            SimilarReport r;
            r.path = other.path;
            r.id = other.id;
            r.similarity = s;
            for (const auto& p : mine) {
                auto at = std::lower_bound(other.passages.begin(), other.passages.end(), p.hash,
                                           [](const auto& x, std::uint64_t h) { return x.hash < h; });
                if (at != other.passages.end() && at->hash == p.hash) r.shared.push_back({p.view, at->pos, at->origin});
            }
            out.push_back(std::move(r));
        }
        return out;
    }

    [[nodiscard]] std::vector<std::string> others(const std::string& fact) const override {
        const std::vector<std::pair<std::string, std::string>>* values = nullptr;
        {
            std::lock_guard<std::mutex> lock(batch_.mu);
            auto it = batch_.facts_by_name.find(fact);
            if (it == batch_.facts_by_name.end()) {
                std::vector<std::pair<std::string, std::string>> v;
                std::set<std::pair<std::string, std::string>> seen;
                for (const auto& e : batch_.entries) {
                    if (!e.ok || e.history) continue;
                    for (const auto& [k, val] : e.facts)
                        if (k == fact && !val.empty() && seen.emplace(e.id.agency, val).second) v.emplace_back(e.id.agency, val);
                }
                it = batch_.facts_by_name.emplace(fact, std::move(v)).first;
            }
            values = &it->second;
        }
        std::set<std::string> mine, out;
        for (const auto& [k, val] : batch_.entries[self_].facts)
            if (k == fact) mine.insert(val);
        for (const auto& [agency, val] : *values)
            if (agency != self().agency && !mine.count(val)) out.insert(val);
        return {out.begin(), out.end()};
    }

private:
    const Batch::Impl& batch_;
    std::size_t self_;
    std::string copy_of_;
};

}  // namespace

std::unique_ptr<ReportLinks> Batch::links(std::size_t i) const { return std::make_unique<EntryLinks>(*impl_, i); }

}  // namespace nianbao
