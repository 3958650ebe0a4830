#include "cli/sources.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "cli/builtin_rules.hpp"
#include "cli/output.hpp"
#include "core/utf8.hpp"

namespace fs = std::filesystem;

namespace nianbao {

namespace {

std::shared_ptr<const SourceText> read_rule_file(const fs::path& p, bool& failed) {
    auto r = read_text_file(p);
    if (!r.ok()) {
        std::cerr << r.error->path << ": error: " << r.error->reason << "\n";
        failed = true;
        return nullptr;
    }
    return std::make_shared<const SourceText>(std::move(*r.source));
}

// The name after the first `ruleset` keyword at the start of a line (comments
// and blank lines skipped); "" if none.
std::string declared_ruleset(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string w, name;
        if (!(words >> w) || w[0] == '#') continue;
        if (w != "ruleset") return {};
        words >> name;
        return name;
    }
    return {};
}


}  // namespace

LoadedRules load_rule_sources(const std::vector<std::string>& paths, bool builtin) {
    LoadedRules out;
    if (paths.empty() && !builtin) {
        std::cerr << "error: --no-builtin needs rule files: give --rules PATH (or 'rules' in nianbao.toml)\n";
        out.failed = true;
        return out;
    }
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<fs::path> found;
            for (const auto& e : fs::directory_iterator(p, ec))
                if (e.is_regular_file() && e.path().extension() == ".rules") found.push_back(e.path());
            std::sort(found.begin(), found.end());
            if (found.empty()) {
                std::cerr << p << ": error: no *.rules files in this directory\n";
                out.failed = true;
            }
            for (const auto& f : found)
                if (auto s = read_rule_file(f, out.failed)) out.files.push_back(std::move(s));
        } else if (fs::exists(p, ec)) {
            if (auto s = read_rule_file(p, out.failed)) out.files.push_back(std::move(s));
        } else {
            std::cerr << p << ": error: no such file or directory\n";
            out.failed = true;
        }
    }
    if (builtin && !out.failed) add_builtin_bases(out.files);
    return out;
}

void add_builtin_bases(std::vector<std::shared_ptr<const SourceText>>& files) {
    std::set<std::string> declared;
    for (const auto& f : files) declared.insert(declared_ruleset(f->text()));
    for (const auto& b : builtin_rule_files()) {
        std::string text(b.text);
        if (declared.count(declared_ruleset(text))) continue;
        files.push_back(std::make_shared<const SourceText>("<builtin>/" + std::string(b.name), std::move(text)));
    }
}

bool export_builtin_rules(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir, ec)) {
        std::cerr << dir << ": error: cannot create the directory" << (ec ? ": " + ec.message() : std::string()) << "\n";
        return false;
    }
    bool ok = true;
    for (const auto& f : builtin_rule_files()) {
        const fs::path target = fs::path(dir) / std::string(f.name);
        if (fs::exists(fs::symlink_status(target, ec))) {
            std::cerr << target.string() << ": error: already exists; left as it is (export into an empty directory)\n";
            ok = false;
            continue;
        }
        if (!write_output(target.string(), f.text)) {
            ok = false;
            continue;
        }
        std::cout << target.string() << "\n";
    }
    return ok;
}

InputList collect_inputs(const std::vector<std::string>& paths) {
    // Text, and the formats engine/read/reader.hpp renders to text.  .doc and
    // .wps are picked up so that each gets its one-line "convert it" error.
    static const std::set<std::string> kReportExt = {".txt",  ".md",  ".text", ".html", ".htm",
                                                     ".docx", ".odt", ".pdf",  ".doc",  ".wps"};
    InputList out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<fs::path> found;
            for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
                 it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (ec) break;
                // the status only: opening a FIFO or a device could block forever
                const auto st = it->status(ec);
                if (ec || fs::is_directory(st) || !fs::exists(st)) continue;
                std::string ext = it->path().extension().string();
                std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
                if (!fs::is_regular_file(st)) {
                    std::string why = "not a regular file (" + std::string(file_type_name(st.type())) + ")";
                    if (kReportExt.count(ext)) out.errors.push_back(InputError{it->path().string(), why});
                    else out.skipped.push_back(InputError{it->path().string(), why});
                } else if (kReportExt.count(ext)) found.push_back(it->path());
                else
                    out.skipped.push_back(InputError{
                        it->path().string(), fmt::format("unsupported type ({})", ext.empty() ? "no extension" : ext)});
            }
            std::sort(found.begin(), found.end());
            out.files.insert(out.files.end(), found.begin(), found.end());
        } else if (auto why = special_file_reason(p)) {
            out.errors.push_back(InputError{p, std::move(*why)});
        } else if (fs::exists(p, ec)) {
            out.files.emplace_back(p);
        } else {
            out.errors.push_back(InputError{p, "no such file or directory"});
        }
    }
    return out;
}

std::string render_rule_list(const rules::RuleLibrary& lib) {
    std::string out;
    for (const auto* r : lib.all_rules()) {
        out += fmt::format("{:<10} {:<8} {:<12} {}\n", r->id, to_string(r->severity), r->ruleset, r->title.value);
        if (r->source) out += fmt::format("{:<32}依据：{}\n", "", r->source->value);
    }
    return out;
}

namespace {
// Markdown-safe table cell text.
std::string md_cell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += " ";
        else out += c;
    }
    return out;
}
std::string md_anchor(const std::string& id) {
    std::string a;
    for (char c : id) a += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return a;
}
std::string md_example(const std::string& text) {
    std::string out = "```text\n" + text;
    if (out.back() != '\n') out += "\n";
    return out + "```\n";
}
}  // namespace

std::string render_rule_catalogue(const rules::RuleLibrary& lib) {
    std::string out;
    out += "# 规则目录 · Rule catalogue\n\n";
    out += "<!-- Generated by `nianbao rules list --format markdown --rules rules` from rules/*.rules: do not edit.\n"
           "     tests/golden/rules_doc.sh fails when this file is out of date; regenerate with\n"
           "     build/engine/nianbao rules list --format markdown --rules rules > docs/rules.md -->\n\n";
    // the rule sets in which each rule runs (its effective rule lists)
    std::map<std::string, std::vector<std::string>> runs_in;
    for (const auto& rs : lib.rulesets)
        for (const auto* r : rs->rules) runs_in[r->id].push_back(rs->decl->name);
    auto sets_of = [&](const std::string& id) {
        std::string s;
        for (const auto& n : runs_in[id]) s += (s.empty() ? "" : ", ") + n;
        return s.empty() ? std::string("-") : s;
    };
    const auto all = lib.all_rules();
    out += fmt::format("{} rules. Severities: `error` — a legal or format requirement or an arithmetic identity is "
                       "violated; `warning` — a likely defect for a person to review; `info` — a quality hint. A "
                       "configuration can change a rule's severity or disable it (docs/configuration.md).\n\n",
                       all.size());
    out += "| id | severity | rule sets | title |\n| --- | --- | --- | --- |\n";
    for (const auto* r : all)
        out += fmt::format("| [{}](#{}) | {} | {} | {} |\n", r->id, md_anchor(r->id), to_string(r->severity),
                           sets_of(r->id), md_cell(r->title.value));
    for (const auto* r : all) {
        out += fmt::format("\n## {}\n\n**{}** — {}\n\n", r->id, md_cell(r->title.value), to_string(r->severity));
        out += fmt::format("- rule sets: {}\n", sets_of(r->id));
        auto decls = lib.find_rule(r->id);
        std::string where;
        for (const auto* d : decls)
            if (d->where.file)
                where += fmt::format("{}`{}:{}`", where.empty() ? "" : ", ", fs::path(d->where.file->path()).filename().string(),
                                     d->where.file->locate(d->where.span.begin).line);
        if (!where.empty()) out += fmt::format("- declared in: {}\n", where);
        if (r->source) out += fmt::format("- 依据 (source): {}\n", md_cell(r->source->value));
        if (r->explain) out += "\n" + r->explain->value + "\n";
        for (const auto& g : r->good) out += "\n符合 (good):\n\n" + md_example(g.value);
        for (const auto& b : r->bad) out += "\n不符合 (bad):\n\n" + md_example(b.value);
    }
    return out;
}

bool explain_rule(const rules::RuleLibrary& lib, const std::string& id, std::string& out) {
    auto decls = lib.find_rule(id);
    if (decls.empty()) {
        std::string best;
        std::size_t best_d = 3;
        for (const auto* r : lib.all_rules()) {
            std::size_t d = utf8::edit_distance(id, r->id);
            if (d < best_d) {
                best_d = d;
                best = r->id;
            }
        }
        out = fmt::format("error: unknown rule '{}'{}; `nianbao rules list` lists them all\n", id,
                          best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best));
        return false;
    }
    const rules::RuleDecl& r = *decls.back();
    out += fmt::format("{} ({}) — {}\n", r.id, to_string(r.severity), r.title.value);
    std::string sets;
    for (const auto* d : decls) sets += (sets.empty() ? "" : ", ") + d->ruleset;
    out += fmt::format("rule set: {}\n", sets);
    if (r.source) out += fmt::format("依据 (source): {}\n", r.source->value);
    if (r.explain) out += "\n" + r.explain->value + "\n";
    for (const auto& g : r.good) out += "\n  符合 (good): " + g.value + "\n";
    for (const auto& b : r.bad) out += "\n  不符合 (bad): " + b.value + "\n";
    if (r.where.file) {
        LineCol a = r.where.file->locate(r.where.span.begin);
        LineCol b = r.where.file->locate(r.where.span.end == 0 ? 0 : r.where.span.end - 1);
        out += fmt::format("\n{}:{}:\n", r.where.file->path(), a.line);
        for (std::uint32_t l = a.line; l <= b.line; ++l) out += "  " + std::string(r.where.file->line_text(l)) + "\n";
    }
    return true;
}

}  // namespace nianbao
