// What the evaluator may know of other reports: the same agency's report of
// another year, the reports of the agencies configured below it, and reports of
// the batch that look alike.  eval/ only declares what it asks; pipeline/
// answers (it owns the batch, reads the other files and keeps them).  The
// engine knows reports, years and agencies here; what is compared (which table,
// which row) is written in the rules.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/source.hpp"
#include "eval/checker.hpp"
#include "model/document.hpp"

namespace nianbao {

// Who published a report and for which year: the facts `agency` (in its
// matching form, the configuration's aliases applied) and `year`.
struct ReportIdentity {
    std::string agency;
    int year = 0;
    [[nodiscard]] bool known() const { return !agency.empty() && year > 0; }
    // "洪泽区人民政府2023年" for messages
    [[nodiscard]] std::string label() const;
    friend bool operator==(const ReportIdentity&, const ReportIdentity&) = default;
};

// Another report, read and bound, as rules see it.
struct LoadedReport {
    std::shared_ptr<const SourceText> source;
    Document doc;
    std::vector<BoundRuleset> rulesets;
    ReportIdentity id;
};

// Passages of a report's text for comparing reports: its sentences (to 。！？；,
// across line breaks: a PDF breaks lines where its page does) of at least
// kMinPassage characters, digits masked (years and numbers change from year to
// year), hashed.
struct Passage {
    std::uint64_t hash = 0;
    Span view;  // in the report's matching view
};
inline constexpr std::size_t kMinPassage = 16;  // code points, after masking
std::vector<Passage> passages_of(const Document& doc);

// A report of the batch whose text is like this one's (similar_reports()).
struct SimilarReport {
    std::string path;
    ReportIdentity id;
    double similarity = 0;  // estimated Jaccard similarity of their masked shingles, 0..1
    // the passages both have: this report's and the other's (line, column in its file)
    struct Shared {
        Span here;         // view span in this report
        LineCol there;     // in the other report's text
        std::optional<Origin> there_origin;  // in its original file
    };
    std::vector<Shared> shared;
};

class ReportLinks {
public:
    virtual ~ReportLinks() = default;
    // The identity of the report being checked (unknown when no batch was surveyed).
    [[nodiscard]] virtual const ReportIdentity& self() const = 0;
    // The report of `id`, read and bound (shared: it may be held by other
    // checks too), or null with `why` saying so in one line ("批次中没有…").
    [[nodiscard]] virtual std::shared_ptr<const LoadedReport> report(const ReportIdentity& id, std::string& why) const = 0;
    // The agencies configured below this report's agency (nianbao.toml
    // [hierarchy]); empty when none are.
    [[nodiscard]] virtual std::vector<std::string> children() const = 0;
    // The batch's reports of other agencies whose text is at least `threshold`
    // alike (0..1), most similar first; `doc` is this report's.
    [[nodiscard]] virtual std::vector<SimilarReport> similar(const Document& doc, double threshold) const = 0;
    // The distinct values of fact `name` over the batch's reports of other agencies.
    [[nodiscard]] virtual std::vector<std::string> others(const std::string& fact) const = 0;
    // Set when this file is another copy of a report in the batch (its path):
    // the rules that compare reports do not run on it.
    [[nodiscard]] virtual const std::string& copy_of() const = 0;
};

// Whether a rule reaches other reports (previous(), children(), similar_reports(), …),
// directly or through the facts it uses.
[[nodiscard]] bool compares_reports(const rules::RuleDecl& rule, const rules::Ruleset& rs);
// Whether any rule of the library does.
[[nodiscard]] bool compares_reports(const rules::RuleLibrary& library);

}  // namespace nianbao
