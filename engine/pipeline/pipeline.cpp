#include "pipeline/pipeline.hpp"

#include <algorithm>

#include "bind/sections.hpp"
#include "bind/tables.hpp"
#include "core/textnorm.hpp"
#include "model/document.hpp"
#include "read/reader.hpp"

namespace nianbao {

ReportResult Pipeline::check_file(const std::filesystem::path& path, const ReportLinks* links) const {
    ReadResult r = read_report_file(path, limits_);
    if (!r.ok()) {
        ReportResult out;
        out.path = path.string();
        out.error = r.error;
        return out;
    }
    return check_source(std::make_shared<const SourceText>(std::move(*r.source)), links);
}

ReportResult Pipeline::check_source(std::shared_ptr<const SourceText> source, const ReportLinks* links) const {
    CharNormalizer norm;
    Document doc = build_document(*source, norm);
    return evaluate(source, doc, bind_rulesets(doc), *options_, links);
}

std::shared_ptr<const LoadedReport> Pipeline::load(const std::filesystem::path& path, std::string& why) const {
    ReadResult r = read_report_file(path, limits_);
    if (!r.ok()) {
        why = r.error ? r.error->reason : std::string("cannot be read");
        return nullptr;
    }
    auto rep = std::make_shared<LoadedReport>();
    rep->source = std::make_shared<const SourceText>(std::move(*r.source));
    CharNormalizer norm;
    rep->doc = build_document(*rep->source, norm);
    rep->rulesets = bind_rulesets(rep->doc);
    ReportFacts f = report_facts(rep->doc, rep->rulesets, *options_);
    rep->id = ReportIdentity{f.agency, f.year};
    return rep;
}

std::vector<BoundRuleset> Pipeline::bind_rulesets(const Document& doc) const {
    // every rule set's sections are bound: its `applies` condition may name them
    std::vector<BoundRuleset> active;
    for (const auto& rs : library_.rulesets) {
        BoundRuleset b;
        b.ruleset = rs.get();
        b.sections = bind_sections(doc, rs->sections);
        if (ruleset_applies(*rs, doc, b.sections)) active.push_back(std::move(b));
    }
    // a rule set that applies runs once, through the most specific one deriving from it
    std::vector<BoundRuleset> leaves;
    for (auto& b : active) {
        const rules::Ruleset* rs = b.ruleset;
        bool is_base = std::any_of(active.begin(), active.end(), [rs](const BoundRuleset& other) {
            return other.ruleset != rs && other.ruleset->derives_from(rs);
        });
        if (!is_base) leaves.push_back(b);
    }
    for (auto& b : leaves) b.tables = bind_tables(doc, b.ruleset->tables, b.sections);
    return leaves;
}

}  // namespace nianbao
