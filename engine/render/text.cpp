#include <fmt/format.h>

#include <algorithm>

#include "core/diagnostic.hpp"
#include "render/render.hpp"

namespace nianbao {

RunSummary summarize(const std::vector<ReportResult>& results) {
    RunSummary s;
    for (const auto& r : results) {
        if (r.skipped) {
            ++s.skipped;
            continue;
        }
        if (!r.tool) ++s.reports;
        if (r.error) {
            ++s.unreadable;
            continue;
        }
        s.suppressed += r.hidden_suppressed;
        s.baselined += r.baselined;
        for (const auto& f : r.findings) {
            if (f.suppressed) {
                ++s.suppressed;
                continue;
            }
            switch (f.severity) {
                case Severity::error: ++s.errors; break;
                case Severity::warning: ++s.warnings; break;
                case Severity::info: ++s.infos; break;
                case Severity::note: ++s.notes; break;
            }
        }
    }
    return s;
}

namespace {
// SGR colours as compilers use them: error red, warning magenta, info/note cyan.
const char* severity_color(Severity s) {
    switch (s) {
        case Severity::error: return "\x1b[1;31m";
        case Severity::warning: return "\x1b[1;35m";
        case Severity::info: return "\x1b[1;36m";
        case Severity::note: return "\x1b[1;36m";
    }
    return "";
}
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kReset = "\x1b[0m";

// The header "path: severity: message [code]" with the place bold and the
// severity in its colour; the excerpt's caret line green.
std::string paint_header(const std::string& header, Severity s) {
    const std::string word = fmt::format(": {}: ", to_string(s));
    const auto at = header.find(word);
    if (at == std::string::npos) return header;
    return kBold + header.substr(0, at) + kReset + ": " + severity_color(s) + std::string(to_string(s)) + kReset +
           ": " + header.substr(at + word.size());
}
std::string paint_excerpt(const std::string& excerpt) {
    // the second line of an excerpt ("    | ^~~~") holds the caret
    const auto nl = excerpt.find('\n');
    if (nl == std::string::npos || nl + 1 >= excerpt.size()) return excerpt;
    const auto bar = excerpt.find('|', nl + 1);
    const auto end = excerpt.find('\n', nl + 1);
    if (bar == std::string::npos || end == std::string::npos || bar > end) return excerpt;
    return excerpt.substr(0, bar + 1) + kGreen + excerpt.substr(bar + 1, end - bar - 1) + kReset + excerpt.substr(end);
}
}  // namespace

std::string finding_place(const ReportResult& r, const Finding& f) {
    if (f.origin && r.source) {
        // Rendered inputs point into the original file (docs/input-formats.md):
        // html "file:LINE:COL" (HTML source), pdf "file:pPAGE:LINE:COL" (line on
        // the page), docx and odt "file:第N段:COL" / "file:表T 第R行 第C列:COL".
        const Origin& o = *f.origin;
        const std::string& kind = r.source->kind();
        if (kind == "pdf") return fmt::format("p{}:{}:{}", o.page, o.line, o.column);
        if (kind == "docx" || kind == "odt") return fmt::format("{}:{}", o.where, o.column);
        return fmt::format("{}:{}", o.line, o.column);
    }
    return fmt::format("{}:{}", f.pos.line, std::max<std::uint32_t>(f.pos.column, 1));
}

std::string related_place(const RelatedLocation& rl) {
    if (!rl.origin) return fmt::format("{}:{}", rl.pos.line, std::max<std::uint32_t>(rl.pos.column, 1));
    const Origin& o = *rl.origin;
    if (o.page > 0) return fmt::format("p{}:{}:{}", o.page, o.line, o.column);
    if (!o.where.empty()) return fmt::format("{}:{}", o.where, o.column);
    return fmt::format("{}:{}", o.line, o.column);
}

std::string finding_place_zh(const ReportResult& r, const Finding& f) {
    if (f.origin && r.source) {
        const Origin& o = *f.origin;
        const std::string& kind = r.source->kind();
        if (kind == "pdf") return fmt::format("第{}页第{}行第{}列", o.page, o.line, o.column);
        if (kind == "docx" || kind == "odt") return fmt::format("{} 第{}字", o.where, o.column);
        return fmt::format("源码第{}行第{}列", o.line, o.column);
    }
    return fmt::format("第{}行第{}列", f.pos.line, std::max<std::uint32_t>(f.pos.column, 1));
}

bool place_matches(const ReportResult& r, const Finding& f, std::string_view place) {
    if (place.empty()) return false;
    auto cut_of = [&](const std::string& full, std::string_view next_ok) {
        if (full.rfind(place, 0) != 0) return false;
        if (full.size() == place.size()) return true;
        return next_ok.find(full[place.size()]) != std::string_view::npos;
    };
    // finding_place parts end at ':' (or, inside "表T 第R行 第C列", at a space);
    // finding_place_zh parts at the next "第" (UTF-8 lead byte 0xE7) or space
    return cut_of(finding_place(r, f), ": ") || cut_of(finding_place_zh(r, f), std::string_view("\xE7 ", 2));
}

std::string render_text_finding(const ReportResult& r, const Finding& f, bool color) {
    Diagnostic d;
    d.severity = f.severity;
    d.path = r.path;
    d.pos = f.pos;
    if (f.origin && r.source) {
        d.path += ":" + finding_place(r, f);
        d.pos = LineCol{};
    }
    d.span = f.span;
    d.message = f.suppressed ? "(suppressed) " + f.message : f.message;
    d.code = f.rule;
    std::string out = (color ? paint_header(render_header(d), d.severity) : render_header(d)) + "\n";
    if (r.source) out += color ? paint_excerpt(render_excerpt(*r.source, f.span)) : render_excerpt(*r.source, f.span);
    if (!f.source.empty() && !f.not_assessable && !r.tool) out += "  = 依据：" + f.source + "\n";
    for (const auto& rl : f.related) {
        // the other report's place, as its file names it (page:line for a PDF …)
        Diagnostic n;
        n.severity = Severity::note;
        n.path = rl.path;
        n.pos = rl.pos;
        if (rl.origin) {
            n.pos = LineCol{};
            n.path += ":" + related_place(rl);
        }
        n.message = rl.message;
        out += "  " + (color ? paint_header(render_header(n), Severity::note) : render_header(n)) + "\n";
    }
    if (f.suppressed)
        out += fmt::format("  = suppressed ({}:{}): {}\n", f.suppressed->file, f.suppressed->line,
                           f.suppressed->justification);
    return out;
}

std::string render_text(const std::vector<ReportResult>& results, bool color) {
    std::string out;
    for (const auto& r : results) {
        if (r.error) {
            out += fmt::format("{}: error: {}\n", r.error->path, r.error->reason);
            continue;
        }
        if (r.skipped) {
            out += fmt::format("{}: note: not checked: {}\n", r.path, *r.skipped);
            continue;
        }
        std::string formats;
        for (const auto& f : r.formats) formats += (formats.empty() ? "" : ", ") + f;
        if (r.tool) out += fmt::format("# {} [suppressions]\n", r.path);
        else out += fmt::format("# {} [format: {}; year: {}; agency: {}; encoding: {}]\n", r.path,
                           formats.empty() ? "-" : formats, r.fact("year").empty() ? "-" : r.fact("year"),
                           r.fact("agency").empty() ? "-" : r.fact("agency"), r.source ? r.source->encoding() : "-");
        for (const auto& f : r.findings) out += render_text_finding(r, f, color);
    }
    RunSummary s = summarize(results);
    out += fmt::format("checked {} report{}: {} error{}, {} warning{}, {} info, {} not assessable{}\n", s.reports,
                       s.reports == 1 ? "" : "s", s.errors, s.errors == 1 ? "" : "s", s.warnings,
                       s.warnings == 1 ? "" : "s", s.infos, s.notes,
                       s.unreadable ? fmt::format(", {} unreadable", s.unreadable) : std::string{});
    if (s.suppressed || s.baselined || s.skipped) {
        out.pop_back();
        if (s.suppressed) out += fmt::format("; {} suppressed", s.suppressed);
        if (s.baselined) out += fmt::format("; {} baselined (not shown)", s.baselined);
        if (s.skipped) out += fmt::format("; {} file{} not checked", s.skipped, s.skipped == 1 ? "" : "s");
        out += "\n";
    }
    return out;
}

}  // namespace nianbao
