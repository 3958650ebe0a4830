// Checking reports against a rule library.  A Checker holds no mutable state:
// many reports may be checked at once, each call on its own thread.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "eval/finding.hpp"
#include "grammar/compile.hpp"
#include "read/decode.hpp"

namespace nianbao {

// What a configuration (nianbao.toml, docs/configuration.md) changes in a
// check.  Immutable once given to a Checker.
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

class Checker {
public:
    explicit Checker(const rules::RuleLibrary& library, std::shared_ptr<const CheckOptions> options = nullptr)
        : library_(library), options_(options ? std::move(options) : std::make_shared<const CheckOptions>()) {}
    [[nodiscard]] ReportResult check_file(const std::filesystem::path& path, const ReadLimits& limits = {}) const;
    [[nodiscard]] ReportResult check_source(std::shared_ptr<const SourceText> source) const;

private:
    const rules::RuleLibrary& library_;
    std::shared_ptr<const CheckOptions> options_;
};

}  // namespace nianbao
