#include "workflow/suppress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <toml++/toml.h>

#include "grammar/errors.hpp"
#include "render/render.hpp"
#include "workflow/config.hpp"

namespace fs = std::filesystem;

namespace nianbao {

namespace {

const std::vector<std::string> kEntryKeys = {"rule", "report", "place", "justification", "expires"};

std::string values_json(const Finding& f) {
    nlohmann::ordered_json v = nlohmann::ordered_json::object();
    for (const auto& [k, x] : f.values) v[k] = x;
    return v.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    return std::string(s.substr(b, e - b));
}

bool entry_matches_report(const SuppressionFile& sf, const Suppression& s, const std::string& report_path) {
    const std::string given = fs::path(report_path).lexically_normal().generic_string();
    const std::string rel = relative_to(report_path, sf.dir.empty() ? fs::path(".") : sf.dir);
    return glob_match(s.report, rel) || glob_match(s.report, given);
}

Finding tool_finding(const SuppressionFile& sf, const Suppression& s, const std::string& rule, const std::string& title,
                     std::string message) {
    Finding f;
    f.rule = rule;
    f.title = title;
    f.severity = Severity::warning;
    f.message = std::move(message);
    f.ruleset = "nianbao";
    f.source = "nianbao suppressions (docs/configuration.md)";
    f.span = sf.source->line_span(s.at);
    f.pos = LineCol{s.at, 1};
    f.end = sf.source->locate(f.span.end);
    f.values = {{"rule", s.rule}, {"report", s.report}};
    if (!s.expires.empty()) f.values.emplace_back("expires", s.expires);
    return f;
}

}  // namespace

bool valid_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    const int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

std::string system_today() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::optional<SuppressionFile> load_suppressions(const std::string& path, std::vector<std::string>& errors) {
    const std::size_t before = errors.size();
    auto err = [&](const toml::source_region& r, const std::string& msg) {
        errors.push_back(fmt::format("{}:{}:{}: error: {}", path, std::max<toml::source_index>(1, r.begin.line),
                                     std::max<toml::source_index>(1, r.begin.column), msg));
    };
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors.push_back(fmt::format("{}: error: cannot read the suppressions file", path));
        return std::nullopt;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    SuppressionFile sf;
    sf.path = path;
    sf.dir = fs::path(path).parent_path();
    sf.source = std::make_shared<const SourceText>(path, ss.str());
    toml::table tbl;
    try {
        tbl = toml::parse(sf.source->text(), path);
    } catch (const toml::parse_error& e) {
        err(e.source(), std::string(e.description()));
        return std::nullopt;
    }
    for (auto&& [k, v] : tbl) {
        if (k.str() != "suppress") {
            err(k.source(), fmt::format("unknown key '{}'{}; a suppressions file holds [[suppress]] entries", k.str(),
                                        rules::did_you_mean(k.str(), {"suppress"})));
            continue;
        }
        const toml::array* arr = v.as_array();
        if (!arr || !arr->is_array_of_tables()) {
            err(v.source(), "'suppress' must be an array of tables: [[suppress]]");
            continue;
        }
        for (const auto& el : *arr) {
            const toml::table& t = *el.as_table();
            Suppression s;
            s.at = static_cast<std::uint32_t>(std::max<toml::source_index>(1, t.source().begin.line));
            bool has_rule = false, has_report = false, has_just = false;
            for (auto&& [ek, ev] : t) {
                const std::string key(ek.str());
                auto str = [&]() -> std::optional<std::string> {
                    if (auto x = ev.as_string()) return x->get();
                    err(ev.source(), fmt::format("'{}' must be a string", key));
                    return std::nullopt;
                };
                if (key == "rule") {
                    if (auto x = str()) s.rule = *x, has_rule = true;
                } else if (key == "report") {
                    if (auto x = str()) s.report = *x, has_report = true;
                } else if (key == "justification") {
                    if (auto x = str()) {
                        s.justification = *x;
                        has_just = !trim(*x).empty();
                        if (!has_just) err(ev.source(), "'justification' must not be empty");
                    }
                } else if (key == "place") {
                    if (auto i = ev.as_integer(); i && i->get() > 0)
                        s.line = static_cast<std::uint32_t>(i->get());
                    else if (auto x = ev.as_string())
                        s.text = x->get();
                    else
                        err(ev.source(), "'place' must be a line number, a place such as \"p4:19\" or \"第4页第19行\", or a text the finding's line "
                            "contains");
                } else if (key == "expires") {
                    if (auto d = ev.as_date()) {
                        const toml::date& dd = d->get();
                        s.expires = fmt::format("{:04}-{:02}-{:02}", dd.year, static_cast<int>(dd.month),
                                                static_cast<int>(dd.day));
                    } else if (auto x = ev.as_string(); x && valid_date(x->get())) {
                        s.expires = x->get();
                    } else {
                        err(ev.source(), "'expires' must be a date: expires = 2025-06-30");
                    }
                } else {
                    err(ek.source(), fmt::format("unknown key '{}' in [[suppress]]{}; known keys: rule, report, place, "
                                                 "justification, expires",
                                                 key, rules::did_you_mean(key, kEntryKeys)));
                }
            }
            if (!has_rule) err(t.source(), "this [[suppress]] entry has no 'rule'");
            if (!has_report) err(t.source(), "this [[suppress]] entry has no 'report' (a path or glob)");
            if (!has_just && !t.contains("justification"))
                err(t.source(), "this [[suppress]] entry has no 'justification' (why the finding is accepted)");
            sf.entries.push_back(std::move(s));
        }
    }
    if (errors.size() > before) {
        // in line order (toml++ iterates keys sorted by name)
        std::stable_sort(errors.begin() + static_cast<std::ptrdiff_t>(before), errors.end(),
                         [&](const std::string& a, const std::string& b) {
                             auto line = [&](const std::string& e) {
                                 return std::strtol(e.c_str() + path.size() + 1, nullptr, 10);
                             };
                             return line(a) < line(b);
                         });
        return std::nullopt;
    }
    return sf;
}

std::optional<ReportResult> apply_suppressions(const SuppressionFile& sf, std::vector<ReportResult>& results,
                                               const std::string& today) {
    std::vector<std::size_t> used(sf.entries.size(), 0);
    std::vector<bool> report_seen(sf.entries.size(), false);
    for (auto& r : results) {
        if (r.error || r.skipped || r.tool) continue;
        for (std::size_t i = 0; i < sf.entries.size(); ++i) {
            const Suppression& s = sf.entries[i];
            if (!entry_matches_report(sf, s, r.path)) continue;
            report_seen[i] = true;
            const bool expired = !s.expires.empty() && s.expires < today;
            for (auto& f : r.findings) {
                if (f.rule != s.rule) continue;
                if (s.line && f.pos.line != *s.line) continue;
                // a string place: the finding's place in the original file (as the outputs name it), or a
                // text its line contains
                if (!s.text.empty() && !place_matches(r, f, s.text) &&
                    (!r.source || r.source->line_text(f.pos.line).find(s.text) == std::string_view::npos))
                    continue;
                ++used[i];
                if (expired || f.suppressed) continue;
                f.suppressed = FindingSuppression{s.justification, sf.path, s.at};
            }
        }
    }
    ReportResult out;
    out.path = sf.path;
    out.source = sf.source;
    out.tool = true;
    for (std::size_t i = 0; i < sf.entries.size(); ++i) {
        const Suppression& s = sf.entries[i];
        if (!s.expires.empty() && s.expires < today) {
            out.findings.push_back(tool_finding(
                sf, s, "SUPPRESSION-EXPIRED", "抑制已过期",
                fmt::format("对 {}（{}）的抑制已于 {} 过期，不再生效{}；请复核后删除该条目或更新 expires", s.rule,
                            s.report, s.expires, used[i] ? fmt::format("，{} 处发现重新显示", used[i]) : "")));
        } else if (used[i] == 0) {
            out.findings.push_back(tool_finding(
                sf, s, "SUPPRESSION-UNUSED", "抑制未被使用",
                fmt::format("对 {}（{}）的抑制未匹配任何发现{}；可删除该条目", s.rule, s.report,
                            report_seen[i] ? "" : "（本次检查的报告中没有与 report 匹配的文件）")));
        }
    }
    if (out.findings.empty()) return std::nullopt;
    return out;
}

void hide_suppressed(std::vector<ReportResult>& results) {
    for (auto& r : results) {
        auto it = std::remove_if(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.suppressed.has_value(); });
        r.hidden_suppressed += static_cast<std::size_t>(r.findings.end() - it);
        r.findings.erase(it, r.findings.end());
    }
}

std::string baseline_key(const std::string& report, const Finding& f) {
    return f.rule + '\x1f' + relative_to(report, ".") + '\x1f' + f.message + '\x1f' + values_json(f);
}

std::string render_baseline(const std::vector<ReportResult>& results) {
    using json = nlohmann::ordered_json;
    json findings = json::array();
    std::map<std::string, std::size_t> index;  // key -> position in findings
    for (const auto& r : results) {
        if (r.error || r.skipped || r.tool) continue;
        for (const auto& f : r.findings) {
            if (f.suppressed) continue;
            const std::string key = baseline_key(r.path, f);
            if (auto it = index.find(key); it != index.end()) {
                findings[it->second]["count"] = findings[it->second]["count"].get<std::size_t>() + 1;
                continue;
            }
            json j;
            j["rule"] = f.rule;
            j["report"] = relative_to(r.path, ".");
            j["place"] = r.source ? trim(r.source->line_text(f.pos.line)) : std::string{};
            json values = json::object();
            for (const auto& [k, v] : f.values) values[k] = v;
            j["values"] = std::move(values);
            j["message"] = f.message;
            j["count"] = 1;
            index.emplace(key, findings.size());
            findings.push_back(std::move(j));
        }
    }
    json out;
    out["tool"] = "nianbao";
    out["version"] = 1;
    out["findings"] = std::move(findings);
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::optional<Baseline> load_baseline(const std::string& path, std::vector<std::string>& errors) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors.push_back(fmt::format("{}: error: cannot read the baseline file", path));
        return std::nullopt;
    }
    Baseline b;
    try {
        auto j = nlohmann::ordered_json::parse(in);
        if (!j.is_object() || j.value("version", 0) != 1 || !j.contains("findings") || !j["findings"].is_array())
            throw std::runtime_error("not a nianbao baseline (version 1 with a \"findings\" array)");
        for (const auto& e : j["findings"]) {
            Finding f;
            f.rule = e.at("rule").get<std::string>();
            f.message = e.at("message").get<std::string>();
            for (const auto& [k, v] : e.at("values").items()) f.values.emplace_back(k, v.get<std::string>());
            const auto n = e.value("count", std::size_t{1});
            b.counts[baseline_key(e.at("report").get<std::string>(), f)] += n;
            b.total += n;
        }
    } catch (const std::exception& e) {
        errors.push_back(fmt::format("{}: error: {}", path, e.what()));
        return std::nullopt;
    }
    return b;
}

void apply_baseline(const Baseline& b, std::vector<ReportResult>& results) {
    std::map<std::string, std::size_t> left = b.counts;
    for (auto& r : results) {
        if (r.error || r.skipped || r.tool) continue;
        std::vector<Finding> kept;
        for (auto& f : r.findings) {
            auto it = left.find(baseline_key(r.path, f));
            if (it != left.end() && it->second > 0 && !f.suppressed) {
                --it->second;
                ++r.baselined;
                continue;
            }
            kept.push_back(std::move(f));
        }
        r.findings = std::move(kept);
    }
}

}  // namespace nianbao
