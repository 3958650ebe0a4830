// Checking reports against a rule library.  A Checker holds no mutable state:
// many reports may be checked at once, each call on its own thread.
#pragma once
#include <filesystem>
#include <memory>

#include "eval/finding.hpp"
#include "grammar/compile.hpp"
#include "read/decode.hpp"

namespace nianbao {

class Checker {
public:
    explicit Checker(const rules::RuleLibrary& library) : library_(library) {}
    [[nodiscard]] ReportResult check_file(const std::filesystem::path& path, const ReadLimits& limits = {}) const;
    [[nodiscard]] ReportResult check_source(std::shared_ptr<const SourceText> source) const;

private:
    const rules::RuleLibrary& library_;
};

}  // namespace nianbao
