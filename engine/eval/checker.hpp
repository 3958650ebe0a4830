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
    [[nodiscard]] bool empty() const {
        return severity.empty() && disabled.empty() && facts.empty() && agencies.empty();
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
[[nodiscard]] ReportResult evaluate(std::shared_ptr<const SourceText> source, const Document& doc,
                                    const std::vector<BoundRuleset>& rulesets, const CheckOptions& options);

}  // namespace nianbao
