// Evaluating a bound report: the rule sets' facts and rules over a Document
// whose sections and tables are already bound (bind/), giving its findings.
// Nothing here reads a file or builds a document: pipeline/ composes read ->
// model -> bind -> eval.  No function keeps state between calls: many reports
// may be evaluated at once, each on its own thread.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bind/sections.hpp"
#include "bind/tables.hpp"
#include "eval/finding.hpp"
#include "grammar/compile.hpp"
#include "model/document.hpp"

namespace nianbao {

class ReportLinks;

// What a configuration (nianbao.toml, docs/configuration.md) changes in a
// check.  Immutable once given to the pipeline.
struct CheckOptions {
    std::map<std::string, Severity> severity;  // rule id -> severity of its findings
    std::set<std::string> disabled;            // rule ids that do not run
    // rule set name -> fact name -> the expression that replaces the fact's
    // declared value in that rule set (compiled in its scope)
    std::map<std::string, std::map<std::string, std::shared_ptr<const rules::CompiledExpression>>> facts;
    // A fixed fact value for the reports of one agency.
    struct FactValue {
        bool is_number = false;
        double number = 0;
        std::string text;  // normalised (matching form)
    };
    // normalised agency name -> fact name -> value; matched on the report's
    // fact `agency` (in its matching form).
    std::map<std::string, std::map<std::string, FactValue>> agencies;
    // Other names of an agency (renamed, written two ways): normalised name ->
    // the normalised name its reports are known by across years.
    std::map<std::string, std::string> aliases;
    // The agencies below an agency, whose reports add up to its own (汇总):
    // normalised parent name -> normalised children names, as configured.
    std::map<std::string, std::vector<std::string>> hierarchy;
    [[nodiscard]] bool empty() const {
        return severity.empty() && disabled.empty() && facts.empty() && agencies.empty() && aliases.empty() &&
               hierarchy.empty();
    }
    // The name the reports of `agency` (normalised) are known by.
    [[nodiscard]] const std::string& canonical_agency(const std::string& agency) const {
        auto it = aliases.find(agency);
        return it == aliases.end() ? agency : it->second;
    }
};

// Whether a rule set's `applies` condition holds for the document, with the
// rule set's sections bound (true when it has none).
[[nodiscard]] bool ruleset_applies(const rules::Ruleset& rs, const Document& doc,
                                   const std::vector<SectionBinding>& sections);

// A rule set as bound to one report: its sections and tables placed in the Document.
struct BoundRuleset {
    const rules::Ruleset* ruleset = nullptr;
    std::vector<SectionBinding> sections;
    std::vector<BoundTable> tables;
};

// Runs the rules and evaluates the facts of each rule set given (the most
// specific rule sets that apply, in library order; their bases' rules come with
// them) over the document built from `source`.  The result lists the rule sets,
// facts, tables as bound and findings (sorted by place, then rule id; one per
// rule, place and message).
// `links`, when given, answers what rules ask of other reports (eval/links.hpp);
// without it such rules are not assessable.
[[nodiscard]] ReportResult evaluate(std::shared_ptr<const SourceText> source, const Document& doc,
                                    const std::vector<BoundRuleset>& rulesets, const CheckOptions& options,
                                    const ReportLinks* links = nullptr);

// The facts of a report's rule sets, evaluated and rendered as evaluate() gives
// them, and from them its identity (facts `agency` and `year`): what a batch
// needs to know of a report before checking any.
struct ReportFacts {
    std::vector<std::pair<std::string, std::string>> facts;
    std::string agency;  // normalised, aliases applied; "" if unknown
    int year = 0;        // 0 if unknown
};
[[nodiscard]] ReportFacts report_facts(const Document& doc, const std::vector<BoundRuleset>& rulesets,
                                       const CheckOptions& options);

}  // namespace nianbao
