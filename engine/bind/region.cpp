// The region a declared table is searched in: see region.hpp.
#include "bind/region.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace nianbao::bind {

RegionResult find_region(const Document& doc, const rules::TableDecl& td, const std::vector<SectionBinding>& sections) {
    RegionResult r;
    auto text_size = static_cast<std::uint32_t>(doc.view.text().size());
    r.span = {0, text_size};
    if (td.section) {
        const std::string& name = td.section->first;
        const SectionBinding* b = nullptr;
        for (const auto& s : sections)
            if (s.decl && s.decl->name == name) b = &s;
        if (!b || b->heading < 0 || static_cast<std::size_t>(b->heading) >= doc.headings.size()) {
            std::string title = b && b->decl && !b->decl->titles.empty() ? b->decl->titles[0].value : name;
            r.reason = fmt::format("未找到章节“{}”", title);
            return r;
        }
        const Heading& h = doc.headings[b->heading];
        r.span.begin = doc.body(b->heading).begin;  // after the heading line
        // The section ends where the next declared section found in the report
        // starts.  (The model's extent ends at the next heading of its level,
        // which inside tables of text layers is a row such as
        // "四、某项数量 0 0 …".)
        std::uint32_t end = text_size;
        for (const auto& s : sections) {
            if (s.heading < 0 || s.heading == b->heading || static_cast<std::size_t>(s.heading) >= doc.headings.size())
                continue;
            const Heading& o = doc.headings[s.heading];
            if (o.line <= h.line || o.level > h.level) continue;
            end = std::min(end, doc.lines[o.line - 1].view.begin);
        }
        r.span.end = end;
    }
    if (!td.anchors.empty()) {
        std::string_view region = doc.view_text(r.span);
        std::size_t best = std::string_view::npos, best_len = 0;
        for (const auto& a : td.anchors) {
            const std::string& t = a.normal.empty() ? a.value : a.normal;
            if (t.empty()) continue;
            std::size_t p = region.find(t);
            if (p != std::string_view::npos && p < best) {
                best = p;
                best_len = t.size();
            }
        }
        if (best == std::string_view::npos) {
            r.reason = fmt::format("未找到表格起始文字“{}”", td.anchors[0].value);
            return r;
        }
        r.span.begin = static_cast<std::uint32_t>(r.span.begin + best + best_len);
    }
    r.ok = true;
    return r;
}

}  // namespace nianbao::bind
