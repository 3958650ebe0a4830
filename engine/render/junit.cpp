// JUnit XML output for CI servers (docs/output-formats.md, "JUnit").
//
// The de-facto format (Ant's JUnit task, read by Jenkins, GitLab, Azure
// DevOps, ...): <testsuites tests failures errors skipped>, <testsuite name
// tests failures errors skipped>, <testcase classname name>, and in a testcase
// at most one of <failure message type>, <error message type>, <skipped
// message>.  Consumers group by testsuite and classname and show a failure's
// message and its text.
#include <fmt/format.h>

#include <map>
#include <set>

#include "core/diagnostic.hpp"
#include "core/utf8.hpp"
#include "render/render.hpp"

namespace nianbao {

std::string xml_escape(std::string_view s, bool attribute) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t c = utf8::next(s, i);
        switch (c) {
            case '&': out += "&amp;"; continue;
            case '<': out += "&lt;"; continue;
            case '>': out += "&gt;"; continue;
            case '"': out += attribute ? "&quot;" : "\""; continue;
            case '\t': out += attribute ? "&#9;" : "\t"; continue;
            case '\n': out += attribute ? "&#10;" : "\n"; continue;
            case '\r': out += "&#13;"; continue;
            default: break;
        }
        // utf8::next gives U+FFFD for a byte that is not UTF-8 (one per byte)
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF ||
            (c == 0xFFFD && s.substr(start, i - start) != "\xEF\xBF\xBD"))
            out += "\xEF\xBF\xBD";
        else
            out.append(s.substr(start, i - start));
    }
    return out;
}

namespace {

std::string attr(std::string_view s) { return xml_escape(s, true); }
std::string text(std::string_view s) { return xml_escape(s, false); }

struct Counts {
    std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
    void add(const Counts& o) {
        tests += o.tests;
        failures += o.failures;
        errors += o.errors;
        skipped += o.skipped;
    }
    [[nodiscard]] std::string attrs() const {
        return fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\"", tests, failures, errors,
                           skipped);
    }
};

// The rules that ran on a report: its rule sets' effective rules, each id once,
// sorted by id, without the disabled ones.  Id -> title.
std::map<std::string, std::string> rules_run(const ReportResult& r, const rules::RuleLibrary& library,
                                             const CheckOptions* options) {
    std::map<std::string, std::string> out;
    for (const auto& name : r.formats) {
        const rules::Ruleset* rs = library.find_ruleset(name);
        if (!rs) continue;
        for (const auto* rule : rs->rules)
            if (!options || !options->disabled.count(rule->id)) out.emplace(rule->id, rule->title.value);
    }
    return out;
}

// One testcase for a finding; `c` counts it.  `names` (the names used in the
// suite so far) keeps names unique: a second finding of a rule at one place is "… (2)".
std::string finding_case(const ReportResult& r, const Finding& f, Counts& c, std::map<std::string, int>& names) {
    ++c.tests;
    std::string name = f.rule + " " + f.title + " @ " + finding_place(r, f);
    if (const int n = ++names[name]; n > 1) name += " (" + std::to_string(n) + ")";
    std::string out = fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\">\n", attr(r.path),
                                  attr(name), attr(r.path));
    const std::string body = text(render_text_finding(r, f));
    if (f.suppressed) {
        ++c.skipped;
        out += fmt::format("      <skipped message=\"{}\"/>\n",
                           attr("suppressed (" + f.suppressed->justification + "): " + f.message));
        out += "      <system-out>" + body + "</system-out>\n";
    } else if (f.not_assessable || f.severity == Severity::note) {
        ++c.skipped;
        out += fmt::format("      <skipped message=\"{}\"/>\n", attr("not assessable: " + f.message));
        out += "      <system-out>" + body + "</system-out>\n";
    } else {
        ++c.failures;
        out += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", attr(f.message),
                           to_string(f.severity), body);
    }
    out += "    </testcase>\n";
    return out;
}

// One report's testsuite; `total` counts its testcases.
std::string report_suite(const ReportResult& r, const rules::RuleLibrary& library, const CheckOptions* options,
                         Counts& total) {
    Counts c;
    std::string cases, props;
    if (r.error) {
        c.tests = c.errors = 1;
        cases = fmt::format(
            "    <testcase classname=\"{}\" name=\"read\" file=\"{}\">\n"
            "      <error message=\"{}\" type=\"InputError\">{}</error>\n    </testcase>\n",
            attr(r.path), attr(r.path), attr(r.error->reason), text(r.error->path + ": error: " + r.error->reason));
    } else if (r.skipped) {  // a file not checked: one skipped testcase, no failure
        c.tests = c.skipped = 1;
        cases = fmt::format("    <testcase classname=\"{}\" name=\"read\" file=\"{}\">\n"
                            "      <skipped message=\"{}\"/>\n    </testcase>\n",
                            attr(r.path), attr(r.path), attr("not checked: " + *r.skipped));
    } else {
        std::string formats;
        for (const auto& f : r.formats) formats += (formats.empty() ? "" : ", ") + f;
        const std::vector<std::pair<const char*, std::string>> facts = {
            {"format", formats},
            {"year", r.fact("year")},
            {"agency", r.fact("agency")},
            {"encoding", r.source ? r.source->encoding() : ""}};
        for (const auto& [name, value] : facts)
            if (!value.empty())
                props += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, attr(value));
        // findings the baseline accepted are not testcases: a rule with only such findings passes
        if (r.baselined)
            props += fmt::format("      <property name=\"baselined\" value=\"{}\"/>\n", r.baselined);
        // findings by rule, in the report's order; each rule that ran: its findings or one passing case
        std::map<std::string, std::vector<const Finding*>> by_rule;
        for (const auto& f : r.findings) by_rule[f.rule].push_back(&f);
        std::set<std::string> done;
        std::map<std::string, int> names;
        for (const auto& [id, title] : rules_run(r, library, options)) {
            done.insert(id);
            auto it = by_rule.find(id);
            if (it == by_rule.end()) {
                ++c.tests;
                cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"/>\n", attr(r.path),
                                     attr(id + " " + title), attr(r.path));
                continue;
            }
            for (const Finding* f : it->second) cases += finding_case(r, *f, c, names);
        }
        // findings of rules outside the report's rule sets (a suppressions file's own)
        for (const auto& f : r.findings)
            if (!done.count(f.rule)) cases += finding_case(r, f, c, names);
    }
    total.add(c);
    std::string out = fmt::format("  <testsuite name=\"{}\" {}>\n", attr(r.path), c.attrs());
    if (!props.empty()) out += "    <properties>\n" + props + "    </properties>\n";
    return out + cases + "  </testsuite>\n";
}

}  // namespace

std::string render_junit(const std::vector<ReportResult>& results, const rules::RuleLibrary& library,
                         const CheckOptions* options) {
    Counts total;
    std::string suites;
    for (const auto& r : results) suites += report_suite(r, library, options, total);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
           fmt::format("<testsuites name=\"nianbao\" {}>\n", total.attrs()) + suites + "</testsuites>\n";
}

}  // namespace nianbao
