// Binding the sections a rule set declares to the headings of a report.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "core/textnorm.hpp"
#include "grammar/ast.hpp"
#include "model/document.hpp"

namespace nianbao {

enum class SectionMatch { none, title, variant, discouraged, pattern };
std::string_view to_string(SectionMatch m);

struct SectionBinding {
    const rules::SectionDecl* decl = nullptr;
    int heading = -1;  // index into Document::headings, -1 = not found
    SectionMatch match = SectionMatch::none;
};

// Binds each declared section to at most one heading and each heading to at
// most one section.  Matches are taken by quality across all sections (every
// exact title first, then variants, discouraged titles, patterns), each
// section taking its first matching heading in document order.
std::vector<SectionBinding> bind_sections(const Document& doc,
                                          std::span<const rules::SectionDecl* const> sections);

}  // namespace nianbao
