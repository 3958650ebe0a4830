#include "cli/rule_tests.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/pipeline.hpp"
#include "workflow/config.hpp"
#include "render/render.hpp"

namespace fs = std::filesystem;

namespace nianbao {

namespace {

struct Expectation {
    bool expect = true;
    bool todo = false;  // a known gap: passes while absent, fails ("todo fixed") once the finding appears
    std::string rule;
    std::uint32_t line = 0;  // 0 = anywhere
    std::string place;       // "at PLACE": the place in the original file (place_matches), "" = anywhere
    std::uint32_t at = 0;    // line in the .expect file
    bool used = false;
};

std::string describe(const ReportResult& r, const Finding& f) {
    return fmt::format("{} line {}{} ({}): {}", f.rule, f.pos.line,
                       f.origin && r.source ? " at " + finding_place(r, f) : std::string(), to_string(f.severity),
                       f.message);
}

bool matches(const ReportResult& r, const Finding& f, const Expectation& e) {
    return f.rule == e.rule && (e.line == 0 || f.pos.line == e.line) && (e.place.empty() || place_matches(r, f, e.place));
}

}  // namespace

bool run_rule_tests(const rules::RuleLibrary& lib, const std::string& dir, std::ostream& out) {
    std::vector<fs::path> expects;
    std::error_code ec;
    if (fs::is_regular_file(dir, ec) && fs::path(dir).extension() == ".expect") {
        expects.push_back(dir);  // one test alone
    } else if (!fs::is_directory(dir, ec)) {
        out << dir << ": error: neither a directory nor an .expect file\nrule tests: 0 passed, 1 failed\n";
        return false;
    }
    if (expects.empty())
        for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); ++it)
            if (it->is_regular_file() && it->path().extension() == ".expect") expects.push_back(it->path());
    std::sort(expects.begin(), expects.end());
    Pipeline default_pipeline(lib);
    std::size_t passed = 0, failed = 0, todos = 0;
    for (const auto& ef : expects) {
        std::ifstream in(ef);
        std::vector<Expectation> exps;
        fs::path sample;
        std::uint32_t sample_line = 0;  // where "sample PATH" was given
        std::vector<fs::path> with, history;  // the sample's batch: other reports, earlier years' reports
        std::shared_ptr<const CheckOptions> options;  // `config FILE`: a nianbao.toml for this test
        bool exhaustive = false;
        std::vector<std::string> problems;
        std::string line;
        std::uint32_t n = 0;
        while (std::getline(in, line)) {
            ++n;
            if (auto h = line.find('#'); h != std::string::npos) line.erase(h);
            std::istringstream ls(line);
            std::string word;
            if (!(ls >> word)) continue;
            if (word == "sample") {
                std::string p;
                ls >> p;
                sample = ef.parent_path() / p;  // relative to the .expect file, wherever the tests are copied
                sample_line = n;
            } else if (word == "with" || word == "history") {
                std::string p;
                ls >> p;
                fs::path other = ef.parent_path() / p;
                if (p.empty() || !fs::exists(other, ec))
                    problems.push_back(fmt::format("{}:{}: {} {} not found (relative to the .expect file)", ef.string(),
                                                   n, word, other.lexically_normal().string()));
                else
                    (word == "with" ? with : history).push_back(other);
            } else if (word == "config") {
                std::string p;
                ls >> p;
                std::vector<std::string> errors;
                std::optional<Config> cfg = load_config((ef.parent_path() / p).string(), errors);
                if (cfg) options = make_check_options(*cfg, lib, errors);
                if (!options || !errors.empty()) {
                    options.reset();
                    problems.push_back(fmt::format("{}:{}: config {}: {}", ef.string(), n, p,
                                                   errors.empty() ? std::string("cannot be read") : errors.front()));
                }
            } else if (word == "exhaustive") {
                exhaustive = true;
            } else if (word == "expect" || word == "reject" || word == "todo") {
                Expectation e;
                e.expect = word != "reject";
                e.todo = word == "todo";
                e.at = n;
                ls >> e.rule;
                std::string kw;
                if (ls >> kw) {
                    if (kw == "line" && (ls >> e.line)) {
                    } else if (kw == "at" && std::getline(ls >> std::ws, e.place)) {
                        while (!e.place.empty() && std::isspace(static_cast<unsigned char>(e.place.back())))
                            e.place.pop_back();
                    } else {
                        problems.push_back(
                            fmt::format("{}:{}: malformed line (expected 'line N' or 'at PLACE')", ef.string(), n));
                    }
                }
                if (e.rule.empty()) problems.push_back(fmt::format("{}:{}: missing rule id", ef.string(), n));
                exps.push_back(e);
            } else {
                problems.push_back(fmt::format("{}:{}: unknown directive '{}'", ef.string(), n, word));
            }
        }
        if (sample.empty()) {
            for (const auto& cand : fs::directory_iterator(ef.parent_path())) {
                if (cand.path() != ef && cand.path().stem() == ef.stem() && cand.path().extension() != ".expect") {
                    sample = cand.path();
                    break;
                }
            }
        }
        if (sample.empty()) {
            problems.push_back(fmt::format("{}:1: no sample report found for this .expect file (a file named {}.* "
                                           "beside it, or 'sample PATH')",
                                           ef.string(), ef.stem().string()));
        } else if (!fs::exists(sample, ec)) {
            problems.push_back(fmt::format("{}:{}: sample {} not found (a sample path is relative to the .expect file)",
                                           ef.string(), sample_line, sample.lexically_normal().string()));
        } else {
            ReportResult r;
            Pipeline configured(lib, options);
            const Pipeline& pipeline = options ? configured : default_pipeline;
            if (with.empty() && history.empty()) {
                r = pipeline.check_file(sample);
            } else {  // checked in a batch with the other reports; only the sample's findings are tested
                std::vector<fs::path> batch{sample};
                batch.insert(batch.end(), with.begin(), with.end());
                r = std::move(check_batch(pipeline, batch, 1, {}, history).front());
            }
            if (r.error) {
                problems.push_back(fmt::format("{}: sample cannot be read: {}", sample.string(), r.error->reason));
            } else {
                for (auto& e : exps) {
                    auto match = [&](const Finding& f) { return matches(r, f, e); };
                    bool present = std::any_of(r.findings.begin(), r.findings.end(), match);
                    if (e.todo) {
                        if (!present) {
                            ++todos;
                            continue;
                        }
                        for (const auto& f : r.findings)
                            if (match(f))
                                problems.push_back(fmt::format(
                                    "{}:{}: todo fixed: {} now appears in {} ({}); change 'todo' to 'expect'",
                                    ef.string(), e.at, e.rule, sample.string(), describe(r, f)));
                        continue;
                    }
                    if (e.expect && !present) {
                        std::string got;
                        for (const auto& f : r.findings)
                            if (f.rule == e.rule) got += "\n      got: " + describe(r, f);
                        problems.push_back(fmt::format("{}:{}: expected {}{} in {}, not found{}", ef.string(), e.at,
                                                       e.rule,
                                                       e.line ? fmt::format(" at line {}", e.line)
                                                              : e.place.empty() ? std::string() : " at " + e.place,
                                                       sample.string(), got));
                    }
                    if (!e.expect && present) {
                        for (const auto& f : r.findings)
                            if (match(f))
                                problems.push_back(fmt::format("{}:{}: {} must not appear in {}, got: {}", ef.string(),
                                                               e.at, e.rule, sample.string(), describe(r, f)));
                    }
                }
                if (exhaustive) {
                    // every finding, not-assessable notes included: a rule that can no longer
                    // be assessed on the sample is a change the test must show
                    for (const auto& f : r.findings) {
                        bool expected = std::any_of(exps.begin(), exps.end(), [&](const Expectation& e) {
                            return e.expect && !e.todo && matches(r, f, e);
                        });
                        if (!expected)
                            problems.push_back(fmt::format("{}:1: unexpected finding in {} (exhaustive): {}",
                                                           ef.string(), sample.string(), describe(r, f)));
                    }
                }
            }
        }
        if (problems.empty()) {
            ++passed;
            out << "PASS " << ef.string() << "\n";
        } else {
            ++failed;
            out << "FAIL " << ef.string() << "\n";
            for (const auto& p : problems) out << "  " << p << "\n";
        }
    }
    out << fmt::format("rule tests: {} passed, {} failed{}\n", passed, failed,
                       todos ? fmt::format(" ({} todo still open)", todos) : std::string{});
    return failed == 0 && passed > 0;
}

}  // namespace nianbao
