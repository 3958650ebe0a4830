// The region a declared table is searched in: the body of its section (`in
// SECTION`, up to the next declared section found), from its anchor text on
// (`after "…"`), or the whole report.  Internal to engine/bind.
#pragma once
#include <string>
#include <vector>

#include "bind/sections.hpp"
#include "grammar/ast.hpp"
#include "model/document.hpp"

namespace nianbao::bind {

struct RegionResult {
    bool ok = false;
    Span span;
    std::string reason;
};

// The region of `td`, or why there is none (section or anchor text not found).
RegionResult find_region(const Document& doc, const rules::TableDecl& td, const std::vector<SectionBinding>& sections);

}  // namespace nianbao::bind
