// `nianbao letters`: the reports grouped by agency, one letter each with a
// file name safe everywhere, and the index of the letters (docs/cli.md,
// "letters").  One letter's page: letter_page.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/utf8.hpp"
#include "render/letter_parts.hpp"

namespace nianbao {

namespace {

bool is_device_name(std::string_view stem) {
    // the part before the first dot, compared without case: CON, PRN, AUX, NUL, COM1-9, LPT1-9
    std::string up(stem.substr(0, stem.find('.')));
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    while (!up.empty() && up.back() == ' ') up.pop_back();
    static const std::set<std::string> names = {"CON", "PRN", "AUX", "NUL"};
    if (names.count(up)) return true;
    return up.size() == 4 && (up.rfind("COM", 0) == 0 || up.rfind("LPT", 0) == 0) && up[3] >= '1' && up[3] <= '9';
}

// The file name's key for collisions: ASCII letters folded (Windows and macOS
// file systems ignore their case).
std::string fold(std::string_view name) {
    std::string out(name);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// An href to a file of the same directory: bytes other than letters, digits,
// "-._~" and those of non-ASCII characters percent-encoded.
std::string href(std::string_view file) {
    std::string out;
    for (char ch : file) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 || std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
            out += ch;
        else
            out += fmt::format("%{:02X}", c);
    }
    return html_escape(out);
}

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string index_page(const std::vector<letter::Group>& groups, const std::vector<ReportResult>& results) {
    std::size_t reports = 0, with_letter = 0, clean = 0, suppressed = 0, baselined = 0;
    html::Counts all{};
    for (const auto& r : results)
        if (!r.tool) {
            ++reports;
            suppressed += r.hidden_suppressed;
            baselined += r.baselined;
        }
    std::string rows;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const letter::Group& g = groups[i];
        html::Counts c{};
        std::size_t unreadable = 0;
        std::string files;
        for (const auto* r : g.reports) {
            html::Counts rc = letter::counts(*r);
            for (std::size_t k = 0; k < c.size(); ++k) c[k] += rc[k];
            unreadable += r->error ? 1 : 0;
            const std::string year = r->error ? "无法读取" : r->fact("year").empty() ? "年度未识别" : r->fact("year");
            files += fmt::format("<div><span class=\"file\">{}</span> <span class=\"aux\">{}</span></div>",
                                 html_escape(r->path), html_escape(year));
        }
        for (std::size_t k = 0; k < c.size(); ++k) all[k] += c[k];
        const bool problems = c[0] + c[1] + c[2] > 0 || unreadable > 0;
        (problems ? with_letter : clean) += 1;
        const std::string status = unreadable ? "有报告无法读取" : c[0] + c[1] + c[2] ? "需整改" : c[3] ? "未发现问题（有无法评估项）" : "未发现问题";
        rows += fmt::format("<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td>", i + 1,
                            g.agency.empty() ? "<span class=\"aux\">（未识别机关）</span>" : html_escape(g.agency), files);
        for (std::size_t n : c) rows += fmt::format("<td class=\"num\">{}</td>", n);
        rows += fmt::format("<td>{}</td><td><a href=\"{}\">{}</a></td></tr>\n", status, href(g.file), html_escape(g.file));
    }
    std::string out = letter::page_head("整改通知一览", "index");
    out += "<article class=\"letter\">\n<h1>年度报告检查 整改通知一览</h1>\n";
    out += fmt::format("<p class=\"summary\">共 {} 个机关（通知）、{} 份报告：需整改 {} 个，未发现问题 {} 个。</p>\n",
                       groups.size(), reports, with_letter, clean);
    if (suppressed || baselined)
        out += fmt::format("<p class=\"aux\">另有已抑制的问题 {} 项、基线中已有的问题 {} 项，未列入通知。</p>\n",
                           suppressed, baselined);
    out += "<table class=\"letters\"><thead><tr><th class=\"num\">#</th><th>机关</th><th>报告文件（年度）</th>"
           "<th class=\"num\">错误</th><th class=\"num\">警告</th><th class=\"num\">提示</th><th class=\"num\">无法评估</th>"
           "<th>结论</th><th>通知</th></tr></thead><tbody>\n" +
           rows + "</tbody><tfoot><tr><td></td><td>合计</td><td></td>";
    for (std::size_t n : all) out += fmt::format("<td class=\"num\">{}</td>", n);
    out += "<td></td><td></td></tr></tfoot></table>\n</article>\n</body>\n</html>\n";
    return out;
}

}  // namespace

std::string safe_file_stem(std::string_view name) {
    std::string out;
    std::size_t i = 0, count = 0;
    while (i < name.size() && count < 80) {
        const char32_t cp = utf8::next(name, i);
        const bool bad = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFD ||
                         std::u32string_view(U"/\\:*?\"<>|").find(cp) != std::u32string_view::npos;
        if (out.size() + utf8::encode(cp).size() > 200) break;  // a file name is at most 255 bytes on Linux
        utf8::append(out, bad ? U'_' : cp);
        ++count;
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();  // Windows drops them
    if (!out.empty() && out.front() == '.') out.front() = '_';                          // hidden on Unix
    if (out.empty()) out.push_back('_');
    if (is_device_name(out)) out.insert(out.begin(), '_');
    return out;
}

std::vector<LetterFile> render_letters(const std::vector<ReportResult>& results, const rules::RuleLibrary& library) {
    // agencies by name, then the reports without one by path (and input order)
    std::map<std::string, letter::Group> by_agency;
    std::vector<letter::Group> own;
    for (const auto& r : results) {
        if (r.tool) continue;
        const std::string agency = r.error ? "" : r.fact("agency");
        if (agency.empty()) {
            own.push_back({"", {&r}, ""});
        } else {
            letter::Group& g = by_agency[agency];
            g.agency = agency;
            g.reports.push_back(&r);
        }
    }
    std::stable_sort(own.begin(), own.end(),
                     [](const letter::Group& a, const letter::Group& b) { return a.reports[0]->path < b.reports[0]->path; });
    std::vector<letter::Group> groups;
    for (auto& [name, g] : by_agency) groups.push_back(std::move(g));
    for (auto& g : own) groups.push_back(std::move(g));

    // file names: the agency's (or the report file's) safe stem; a name taken
    // (index.html included, without case) gets "-2", "-3", … in this order
    std::set<std::string> taken = {"index.html"};
    for (auto& g : groups) {
        const std::string stem = safe_file_stem(g.agency.empty() ? base_name(g.reports[0]->path) : g.agency);
        std::string name = stem + ".html";
        for (int k = 2; taken.count(fold(name)); ++k) name = fmt::format("{}-{}.html", stem, k);
        taken.insert(fold(name));
        g.file = name;
    }

    std::vector<LetterFile> out;
    for (const auto& g : groups) {
        LetterFile lf;
        lf.name = g.file;
        lf.agency = g.agency;
        for (const auto* r : g.reports) lf.reports.push_back(r->path);
        lf.html = letter::letter_page(g, library);
        out.push_back(std::move(lf));
    }
    out.push_back({"index.html", "", {}, index_page(groups, results)});
    return out;
}

}  // namespace nianbao
