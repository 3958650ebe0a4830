#include "workflow/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>
#include <toml++/toml.h>

#include "core/textnorm.hpp"
#include "grammar/errors.hpp"

namespace fs = std::filesystem;

namespace nianbao {

namespace {

ConfigPlace place_of(const toml::source_region& r) {
    return ConfigPlace{static_cast<std::uint32_t>(r.begin.line), static_cast<std::uint32_t>(r.begin.column)};
}

struct Reader {
    std::string path;
    std::vector<std::string>& errors;
    void error(ConfigPlace at, const std::string& msg) {
        errors.push_back(fmt::format("{}:{}:{}: error: {}", path, std::max(1u, at.line), std::max(1u, at.column), msg));
    }
    void unknown_key(const toml::key& k, const std::vector<std::string>& known, const std::string& where) {
        std::string list;
        for (const auto& n : known) list += (list.empty() ? "" : ", ") + n;
        error(place_of(k.source()), fmt::format("unknown key '{}'{}{}; known keys: {}", k.str(),
                                                where.empty() ? "" : " in " + where,
                                                rules::did_you_mean(k.str(), known), list));
    }
    // A string value, or an error naming what was expected.
    std::optional<std::string> string(const toml::node& n, const std::string& what) {
        if (auto s = n.as_string()) return s->get();
        error(place_of(n.source()), fmt::format("{} must be a string", what));
        return std::nullopt;
    }
    // An array of strings (a single string is accepted too).
    std::vector<Config::Entry> strings(const toml::node& n, const std::string& what) {
        std::vector<Config::Entry> out;
        if (auto s = n.as_string()) {
            out.push_back({"", s->get(), s->get(), place_of(n.source())});
            return out;
        }
        const toml::array* a = n.as_array();
        if (!a) {
            error(place_of(n.source()), fmt::format("{} must be an array of strings", what));
            return out;
        }
        for (const auto& el : *a) {
            if (auto s = el.as_string()) out.push_back({"", s->get(), s->get(), place_of(el.source())});
            else error(place_of(el.source()), fmt::format("{} must be an array of strings", what));
        }
        return out;
    }
};

std::string resolve(const fs::path& dir, const std::string& p) {
    fs::path q(p);
    if (q.is_absolute() || dir.empty()) return q.lexically_normal().generic_string();
    return (dir / q).lexically_normal().generic_string();
}

std::string toml_shown(const toml::node& n) {
    if (auto s = n.as_string()) return "\"" + s->get() + "\"";
    if (auto i = n.as_integer()) return std::to_string(i->get());
    if (auto f = n.as_floating_point()) return fmt::format("{}", f->get());
    return "?";
}

bool glob_at(std::string_view p, std::size_t pi, std::string_view s, std::size_t si) {
    while (pi < p.size()) {
        if (p[pi] == '*') {
            if (pi + 1 < p.size() && p[pi + 1] == '*') {
                std::size_t next = pi + 2;
                // "**/" also matches no directory
                if (next < p.size() && p[next] == '/' && glob_at(p, next + 1, s, si)) return true;
                for (std::size_t k = si; k <= s.size(); ++k)
                    if (glob_at(p, next, s, k)) return true;
                return false;
            }
            for (std::size_t k = si; k <= s.size(); ++k) {
                if (glob_at(p, pi + 1, s, k)) return true;
                if (k < s.size() && s[k] == '/') break;
            }
            return false;
        }
        if (si >= s.size()) return false;
        if (p[pi] == '?') {
            if (s[si] == '/') return false;
            ++si;
            while (si < s.size() && (static_cast<unsigned char>(s[si]) & 0xC0) == 0x80) ++si;  // one code point
            ++pi;
            continue;
        }
        if (p[pi] != s[si]) return false;
        ++pi;
        ++si;
    }
    return si == s.size();
}

const std::vector<std::string> kTopKeys = {"rules",    "severity",  "disabled", "facts",       "agencies",
                                           "aliases", "hierarchy", "files",    "suppressions"};
const std::vector<std::string> kFileKeys = {"include", "exclude"};
const std::vector<std::string> kSeverities = {"error", "warning", "info"};

// Errors appended since `from`, in line and column order.
void sort_errors(std::vector<std::string>& errors, std::size_t from) {
    auto key = [](const std::string& e) {
        // "FILE:LINE:COL: error: …" — FILE may contain ':' only before the last two numbers
        std::size_t err = e.find(": error: ");
        std::size_t c2 = e.rfind(':', err == std::string::npos ? 0 : err - 1);
        std::size_t c1 = c2 == std::string::npos || c2 == 0 ? std::string::npos : e.rfind(':', c2 - 1);
        if (c1 == std::string::npos) return std::pair<long, long>{0, 0};
        return std::pair<long, long>{std::strtol(e.c_str() + c1 + 1, nullptr, 10), std::strtol(e.c_str() + c2 + 1, nullptr, 10)};
    };
    std::stable_sort(errors.begin() + static_cast<std::ptrdiff_t>(from), errors.end(),
                     [&](const std::string& a, const std::string& b) { return key(a) < key(b); });
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) { return glob_at(pattern, 0, path, 0); }

const std::vector<std::string>& default_include() {
    static const std::vector<std::string> globs = {"**/*.txt", "**/*.text", "**/*.html", "**/*.htm", "**/*.docx",
                                                   "**/*.odt", "**/*.pdf",  "**/*.doc",  "**/*.wps"};
    return globs;
}
const std::vector<std::string>& default_exclude() {
    static const std::vector<std::string> globs = {"**/readme*", "**/changelog*", "**/license*", "**/notes*",
                                                   "**/说明*"};
    return globs;
}

namespace {
// Whether `rel` matches one of the configured globs, or (none configured) one of the defaults, ignoring ASCII case.
bool matches(const std::vector<Config::Entry>& configured, const std::vector<std::string>& defaults,
             std::string_view rel) {
    if (!configured.empty())
        return std::any_of(configured.begin(), configured.end(),
                           [&](const Config::Entry& g) { return glob_match(g.value, rel); });
    std::string lower(rel);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(c < 0x80 ? std::tolower(c) : c); });
    return std::any_of(defaults.begin(), defaults.end(), [&](const std::string& g) { return glob_match(g, lower); });
}
}  // namespace

bool file_included(const Config& cfg, std::string_view rel) { return matches(cfg.include, default_include(), rel); }
bool file_excluded(const Config& cfg, std::string_view rel) { return matches(cfg.exclude, default_exclude(), rel); }

std::string relative_to(const fs::path& path, const fs::path& dir) {
    std::error_code ec;
    fs::path a = fs::absolute(path, ec).lexically_normal();
    fs::path d = fs::absolute(dir.empty() ? fs::path(".") : dir, ec).lexically_normal();
    fs::path rel = a.lexically_relative(d);
    if (rel.empty() || *rel.begin() == "..") return path.lexically_normal().generic_string();
    return rel.generic_string();
}

std::optional<Config> load_config(const std::string& path, std::vector<std::string>& errors) {
    Reader rd{path, errors};
    const std::size_t errors_before = errors.size();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        errors.push_back(fmt::format("{}: error: no such configuration file", path));
        return std::nullopt;
    }
    toml::table tbl;
    try {
        tbl = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        rd.error(place_of(e.source()), std::string(e.description()));
        return std::nullopt;
    }
    Config cfg;
    cfg.path = path;
    cfg.dir = fs::path(path).parent_path();
    CharNormalizer norm;
    for (auto&& [k, v] : tbl) {
        const std::string key(k.str());
        if (key == "rules") {
            for (auto& e : rd.strings(v, "'rules'")) {
                e.value = resolve(cfg.dir, e.value);
                cfg.rules.push_back(std::move(e));
            }
        } else if (key == "disabled") {
            cfg.disabled = rd.strings(v, "'disabled'");
        } else if (key == "suppressions") {
            if (auto s = rd.string(v, "'suppressions'"))
                cfg.suppressions = Config::Entry{"", resolve(cfg.dir, *s), *s, place_of(v.source())};
        } else if (key == "severity") {
            const toml::table* t = v.as_table();
            if (!t) {
                rd.error(place_of(v.source()), "[severity] must be a table: \"RULE-ID\" = \"warning\"");
                continue;
            }
            for (auto&& [rk, rv] : *t) {
                auto s = rd.string(rv, fmt::format("the severity of '{}'", rk.str()));
                if (!s) continue;
                if (std::find(kSeverities.begin(), kSeverities.end(), *s) == kSeverities.end()) {
                    rd.error(place_of(rv.source()),
                             fmt::format("unknown severity '{}' for {}{}; use error, warning or info", *s, rk.str(),
                                         rules::did_you_mean(*s, kSeverities)));
                    continue;
                }
                cfg.severity.push_back({std::string(rk.str()), *s, *s, place_of(rk.source())});
            }
        } else if (key == "facts") {
            const toml::table* t = v.as_table();
            if (!t) {
                rd.error(place_of(v.source()), "[facts] must be a table: name = \"expression\"");
                continue;
            }
            for (auto&& [fk, fv] : *t) {
                auto s = rd.string(fv, fmt::format("the fact override '{}' (a rule-language expression)", fk.str()));
                if (!s) continue;
                cfg.facts.push_back({std::string(fk.str()), *s, *s, place_of(fv.source())});
            }
        } else if (key == "agencies") {
            const toml::table* t = v.as_table();
            if (!t) {
                rd.error(place_of(v.source()), "[agencies] must be a table of tables: [agencies.\"NAME\"] fact = value");
                continue;
            }
            for (auto&& [ak, av] : *t) {
                const toml::table* at = av.as_table();
                if (!at) {
                    rd.error(place_of(av.source()),
                             fmt::format("agency '{}' must be a table: [agencies.\"{}\"] fact = value", ak.str(), ak.str()));
                    continue;
                }
                Config::Agency ag;
                ag.name = std::string(ak.str());
                ag.normal = norm.normalize(ag.name);
                ag.at = place_of(ak.source());
                for (auto&& [fk, fv] : *at) {
                    Config::AgencyFact af;
                    af.fact = std::string(fk.str());
                    af.at = place_of(fk.source());
                    af.shown = toml_shown(fv);
                    if (auto s = fv.as_string()) {
                        af.value.text = norm.normalize(s->get());
                    } else if (auto i = fv.as_integer()) {
                        af.value.is_number = true;
                        af.value.number = static_cast<double>(i->get());
                    } else if (auto f = fv.as_floating_point()) {
                        af.value.is_number = true;
                        af.value.number = f->get();
                    } else {
                        rd.error(place_of(fv.source()),
                                 fmt::format("the value of '{}' for agency '{}' must be a string or a number", af.fact,
                                             ag.name));
                        continue;
                    }
                    if (af.fact == "agency") {
                        rd.error(af.at, "the fact 'agency' cannot be set per agency (agencies are matched on it)");
                        continue;
                    }
                    ag.facts.push_back(std::move(af));
                }
                cfg.agencies.push_back(std::move(ag));
            }
        } else if (key == "aliases" || key == "hierarchy") {
            const bool aliases = key == "aliases";
            const char* shape = aliases ? "[aliases] \"NAME\" = [\"OTHER NAME\", …]" : "[hierarchy] \"PARENT\" = [\"CHILD\", …]";
            const toml::table* t = v.as_table();
            if (!t) {
                rd.error(place_of(v.source()), fmt::format("[{}] must be a table: {}", key, shape));
                continue;
            }
            for (auto&& [nk, nv] : *t) {
                Config::NameList nl;
                nl.name = std::string(nk.str());
                nl.normal = norm.normalize(nl.name);
                nl.at = place_of(nk.source());
                const toml::array* arr = nv.as_array();
                if (!arr) {
                    rd.error(place_of(nv.source()), fmt::format("'{}' must be a list of names: {}", nl.name, shape));
                    continue;
                }
                for (auto&& m : *arr) {
                    auto ms = m.as_string();
                    if (!ms || ms->get().empty()) {
                        rd.error(place_of(m.source()), fmt::format("the names under '{}' must be non-empty strings", nl.name));
                        continue;
                    }
                    nl.members.push_back(ms->get());
                    nl.members_normal.push_back(norm.normalize(ms->get()));
                }
                (aliases ? cfg.aliases : cfg.hierarchy).push_back(std::move(nl));
            }
        } else if (key == "files") {
            const toml::table* t = v.as_table();
            if (!t) {
                rd.error(place_of(v.source()), "[files] must be a table: include = [...], exclude = [...]");
                continue;
            }
            for (auto&& [fk, fv] : *t) {
                if (fk.str() == "include") cfg.include = rd.strings(fv, "'files.include'");
                else if (fk.str() == "exclude") cfg.exclude = rd.strings(fv, "'files.exclude'");
                else rd.unknown_key(fk, kFileKeys, "[files]");
            }
        } else {
            rd.unknown_key(k, kTopKeys, "");
        }
    }
    if (errors.size() > errors_before) {
        sort_errors(errors, errors_before);
        return std::nullopt;
    }
    return cfg;
}

std::string find_config(const fs::path& report_path) {
    std::error_code ec;
    fs::path p = fs::absolute(report_path, ec).lexically_normal();
    fs::path dir = fs::is_directory(p, ec) ? p : p.parent_path();
    const fs::path cwd = fs::current_path(ec).lexically_normal();
    // up to the filesystem root, like git and ruff: `cd reports && nianbao
    // check .` finds ../nianbao.toml
    for (fs::path d = dir;; d = d.parent_path()) {
        fs::path cand = d / "nianbao.toml";
        if (fs::is_regular_file(cand, ec)) {
            // shown relative to the working directory when inside it
            return relative_to(cand, cwd);
        }
        if (d == d.parent_path() || d.empty()) break;
    }
    return {};
}

std::shared_ptr<const CheckOptions> make_check_options(const Config& cfg, const rules::RuleLibrary& lib,
                                                       std::vector<std::string>& errors) {
    Reader rd{cfg.path, errors};
    const std::size_t before = errors.size();
    auto opts = std::make_shared<CheckOptions>();
    std::vector<std::string> ids;
    for (const auto* r : lib.all_rules()) ids.push_back(r->id);
    auto known_rule = [&](const std::string& id, ConfigPlace at, const char* where) {
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) return true;
        rd.error(at, fmt::format("unknown rule id '{}' in {}{}", id, where, rules::did_you_mean(id, ids)));
        return false;
    };
    for (const auto& e : cfg.severity) {
        if (!known_rule(e.key, e.at, "[severity]")) continue;
        opts->severity[e.key] = e.value == "error" ? Severity::error : e.value == "warning" ? Severity::warning : Severity::info;
    }
    for (const auto& e : cfg.disabled)
        if (known_rule(e.value, e.at, "'disabled'")) opts->disabled.insert(e.value);

    std::vector<std::string> fact_names;
    for (const auto& rs : lib.rulesets)
        for (const auto& [n, d] : rs->facts)
            if (std::find(fact_names.begin(), fact_names.end(), n) == fact_names.end()) fact_names.push_back(n);
    auto known_fact = [&](const std::string& name, ConfigPlace at, const std::string& where) {
        if (std::find(fact_names.begin(), fact_names.end(), name) != fact_names.end()) return true;
        rd.error(at, fmt::format("unknown fact '{}' in {}{}", name, where, rules::did_you_mean(name, fact_names)));
        return false;
    };
    for (const auto& e : cfg.facts) {
        if (!known_fact(e.key, e.at, "[facts]")) continue;
        for (const auto& rs : lib.rulesets) {
            if (!rs->facts.count(e.key)) continue;
            auto ce = std::make_shared<rules::CompiledExpression>(
                rules::compile_expression(*rs, e.value, cfg.path + " [facts] " + e.key));
            if (!ce->ok()) {
                const auto prefix = static_cast<std::uint32_t>(std::string(rules::kExpressionPrefix).size());
                for (const auto& d : ce->diagnostics) {
                    if (d.diag.severity != Severity::error) continue;
                    ConfigPlace at = e.at;
                    // inside the string: its opening quote, then the offset in the expression
                    if (d.diag.pos.line == 1 && d.diag.pos.column > prefix) at.column += d.diag.pos.column - prefix;
                    rd.error(at, fmt::format("in the fact override '{}' (rule set {}): {}{}", e.key, rs->decl->name,
                                             d.diag.message, d.diag.code.empty() ? "" : " [" + d.diag.code + "]"));
                }
                break;  // one rule set's errors are enough
            }
            opts->facts[rs->decl->name][e.key] = std::move(ce);
        }
    }
    for (const auto& ag : cfg.agencies)
        for (const auto& af : ag.facts)
            if (known_fact(af.fact, af.at, fmt::format("[agencies.\"{}\"]", ag.name)))
                opts->agencies[ag.normal][af.fact] = af.value;
    for (const auto& al : cfg.aliases)
        for (const auto& m : al.members_normal) {
            auto [it, fresh] = opts->aliases.emplace(m, al.normal);
            if (!fresh && it->second != al.normal)
                errors.push_back(fmt::format("{}:{}:{}: error: [aliases]: '{}' is given as another name of both '{}' and '{}'",
                                             cfg.path, al.at.line, al.at.column, m, it->second, al.normal));
        }
    for (const auto& h : cfg.hierarchy) {
        auto& kids = opts->hierarchy[opts->canonical_agency(h.normal)];
        for (const auto& m : h.members_normal) {
            const std::string& kid = opts->canonical_agency(m);
            if (std::find(kids.begin(), kids.end(), kid) == kids.end()) kids.push_back(kid);
        }
    }
    if (errors.size() > before) {
        sort_errors(errors, before);
        return nullptr;
    }
    return opts;
}

std::string describe_config(const Config& cfg, const rules::RuleLibrary& lib, const ReportResult* report) {
    std::string out;
    auto at = [&](ConfigPlace p) { return fmt::format("{}:{}", cfg.path, p.line); };
    if (report) out += fmt::format("report: {}\n", report->path);
    if (cfg.path.empty()) {
        out += "config: none (no nianbao.toml found; built-in defaults)\n";
    } else {
        out += fmt::format("config: {}\n", cfg.path);
    }
    if (cfg.rules.empty()) {
        std::string names;
        for (const auto& rs : lib.rulesets) names += (names.empty() ? "" : ", ") + rs->decl->name;
        out += fmt::format("rules: built-in ({})\n", names);
    } else {
        out += "rules:\n";
        for (const auto& e : cfg.rules) out += fmt::format("  {}    ({})\n", e.value, at(e.at));
        // the files are laid over the built-in rule sets (unless --no-builtin): say where each comes from
        std::string sets;
        for (const auto& rs : lib.rulesets)
            sets += fmt::format("{}{} ({})", sets.empty() ? "" : ", ", rs->decl->name,
                                rs->decl->where.file ? rs->decl->where.file->path() : std::string("?"));
        out += fmt::format("  rule sets: {}\n", sets);
    }
    out += cfg.severity.empty() ? "severity overrides: none\n" : "severity overrides:\n";
    for (const auto& e : cfg.severity) {
        std::string was;
        for (const auto* r : lib.find_rule(e.key)) was = std::string(to_string(r->severity));
        out += fmt::format("  {} = {} (rule: {})    ({})\n", e.key, e.value, was.empty() ? "?" : was, at(e.at));
    }
    out += cfg.disabled.empty() ? "disabled rules: none\n" : "disabled rules:\n";
    for (const auto& e : cfg.disabled) out += fmt::format("  {}    ({})\n", e.value, at(e.at));
    out += cfg.facts.empty() ? "fact overrides: none\n" : "fact overrides:\n";
    for (const auto& e : cfg.facts) {
        std::string value;
        if (report) value = report->fact(e.key);
        out += fmt::format("  {} = {}{}    ({})\n", e.key, e.value,
                           report ? fmt::format(" → {}", value.empty() ? "(missing)" : value) : std::string{}, at(e.at));
    }
    if (report) {
        std::string agency = report->fact("agency");
        out += fmt::format("agency of the report: {}\n", agency.empty() ? "(not found)" : agency);
    }
    out += cfg.agencies.empty() ? "agency facts: none\n" : "agency facts:\n";
    for (const auto& ag : cfg.agencies) {
        bool match = report && !report->fact("agency").empty() && report->fact("agency") == ag.normal;
        out += fmt::format("  [agencies.\"{}\"]{}    ({})\n", ag.name, match ? "  ← matches this report" : "", at(ag.at));
        for (const auto& af : ag.facts) out += fmt::format("    {} = {}\n", af.fact, af.shown);
    }
    auto globs = [](const std::vector<Config::Entry>& v) {
        std::string s;
        for (const auto& e : v) s += (s.empty() ? "" : ", ") + e.written;
        return s;
    };
    auto defaults = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& g : v) s += (s.empty() ? "" : ", ") + g;
        return "(default) " + s;
    };
    out += fmt::format("files: include {}; exclude {}\n",
                       cfg.include.empty() ? defaults(default_include()) : globs(cfg.include),
                       cfg.exclude.empty() ? defaults(default_exclude()) : globs(cfg.exclude));
    out += fmt::format("suppressions: {}\n", cfg.suppressions ? cfg.suppressions->value : "none");
    return out;
}

}  // namespace nianbao
