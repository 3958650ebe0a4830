#include "bind/sections.hpp"

#include <unicode/regex.h>
#include <unicode/utext.h>

#include <memory>

#include "bind/labels.hpp"

namespace nianbao {

std::string_view to_string(SectionMatch m) {
    switch (m) {
        case SectionMatch::none: return "none";
        case SectionMatch::title: return "title";
        case SectionMatch::variant: return "variant";
        case SectionMatch::discouraged: return "discouraged";
        case SectionMatch::pattern: return "pattern";
    }
    return "none";
}

namespace {

bool regex_finds(const rules::Regex& re, std::string_view text) {
    if (!re.pattern) return false;
    UErrorCode st = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &st);
    if (U_FAILURE(st)) return false;
    std::unique_ptr<icu::RegexMatcher> m(re.pattern->matcher(st));
    bool found = false;
    if (U_SUCCESS(st)) {
        m->reset(ut);
        found = m->find(st) && U_SUCCESS(st);
    }
    utext_close(ut);
    return found;
}

bool level_fits(const Heading& h, int declared) {
    return h.level == declared || (declared == 1 && h.level == 0);
}

}  // namespace

std::vector<SectionBinding> bind_sections(const Document& doc,
                                          std::span<const rules::SectionDecl* const> sections) {
    std::vector<SectionBinding> out;
    out.reserve(sections.size());
    for (const auto* s : sections) out.push_back({s, -1, SectionMatch::none});

    std::vector<std::string> keys;
    keys.reserve(doc.headings.size());
    for (const auto& h : doc.headings) keys.push_back(label::pattern_of(doc.view_text(h.title)));
    std::vector<bool> taken(doc.headings.size(), false);

    auto try_tier = [&](SectionMatch tier, auto&& matches) {
        for (auto& b : out) {
            if (b.heading >= 0) continue;
            for (std::size_t i = 0; i < doc.headings.size(); ++i) {
                if (taken[i] || !level_fits(doc.headings[i], b.decl->level)) continue;
                if (matches(*b.decl, i)) {
                    b.heading = static_cast<int>(i);
                    b.match = tier;
                    taken[i] = true;
                    break;
                }
            }
        }
    };
    // A heading inside a line (Heading::in_line) has no written end of its
    // title: its text begins with the declared title.
    auto eq_any = [&](const std::vector<rules::StringLit>& lits, std::size_t i) {
        for (const auto& l : lits) {
            const std::string k = label::pattern_of(l.normal);
            if (k == keys[i] || (doc.headings[i].in_line && !k.empty() && keys[i].starts_with(k))) return true;
        }
        return false;
    };
    try_tier(SectionMatch::title, [&](const rules::SectionDecl& d, std::size_t i) { return eq_any(d.titles, i); });
    try_tier(SectionMatch::variant, [&](const rules::SectionDecl& d, std::size_t i) { return eq_any(d.variants, i); });
    try_tier(SectionMatch::discouraged,
             [&](const rules::SectionDecl& d, std::size_t i) { return eq_any(d.discouraged, i); });
    try_tier(SectionMatch::pattern, [&](const rules::SectionDecl& d, std::size_t i) {
        for (const auto& p : d.patterns)
            if (p && p->regex && regex_finds(*p->regex, doc.view_text(doc.headings[i].title))) return true;
        return false;
    });
    return out;
}

}  // namespace nianbao
