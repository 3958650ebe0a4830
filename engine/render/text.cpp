#include <fmt/format.h>

#include <algorithm>

#include "core/diagnostic.hpp"
#include "render/render.hpp"

namespace nianbao {

RunSummary summarize(const std::vector<ReportResult>& results) {
    RunSummary s;
    for (const auto& r : results) {
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

std::string render_text_finding(const ReportResult& r, const Finding& f) {
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
    std::string out = render_header(d) + "\n";
    if (r.source) out += render_excerpt(*r.source, f.span);
    if (!f.source.empty() && !f.not_assessable && !r.tool) out += "  = 依据：" + f.source + "\n";
    if (f.suppressed)
        out += fmt::format("  = suppressed ({}:{}): {}\n", f.suppressed->file, f.suppressed->line,
                           f.suppressed->justification);
    return out;
}

std::string render_text(const std::vector<ReportResult>& results) {
    std::string out;
    for (const auto& r : results) {
        if (r.error) {
            out += fmt::format("{}: error: {}\n", r.error->path, r.error->reason);
            continue;
        }
        std::string formats;
        for (const auto& f : r.formats) formats += (formats.empty() ? "" : ", ") + f;
        if (r.tool) out += fmt::format("# {} [suppressions]\n", r.path);
        else out += fmt::format("# {} [format: {}; year: {}; agency: {}; encoding: {}]\n", r.path,
                           formats.empty() ? "-" : formats, r.fact("year").empty() ? "-" : r.fact("year"),
                           r.fact("agency").empty() ? "-" : r.fact("agency"), r.source ? r.source->encoding() : "-");
        for (const auto& f : r.findings) out += render_text_finding(r, f);
    }
    RunSummary s = summarize(results);
    out += fmt::format("checked {} report{}: {} error{}, {} warning{}, {} info, {} not assessable{}\n", s.reports,
                       s.reports == 1 ? "" : "s", s.errors, s.errors == 1 ? "" : "s", s.warnings,
                       s.warnings == 1 ? "" : "s", s.infos, s.notes,
                       s.unreadable ? fmt::format(", {} unreadable", s.unreadable) : std::string{});
    if (s.suppressed || s.baselined) {
        out.pop_back();
        if (s.suppressed) out += fmt::format("; {} suppressed", s.suppressed);
        if (s.baselined) out += fmt::format("; {} baselined (not shown)", s.baselined);
        out += "\n";
    }
    return out;
}

}  // namespace nianbao
