// Pass 6: the placeholders of a rule's message, {NAME} and {NAME.MEMBER...}
// (split by the parser, message.cpp), resolve in the rule's scope after every
// `let`: the name is known (R210 else), a section's or table's member exists,
// and members of match records known statically (Shape) exist.  Run by
// check_rule (pass 5) after the rule's clauses.
#include "grammar/errors.hpp"
#include "grammar/sema_passes.hpp"

namespace nianbao::rules::detail::sema {

void NameChecker::check_message(const Message& m, const Scope& sc) {
    for (const auto& p : m.pieces) {
        if (!p.placeholder || p.path.empty()) continue;
        const std::uint32_t at = UINT32_MAX;
        const Where root_w{p.where.file, Span{p.where.span.begin,
                                              p.where.span.begin + static_cast<std::uint32_t>(p.path[0].size())}};
        auto member_w = [&](std::size_t k) {
            std::uint32_t b = p.where.span.begin;
            for (std::size_t j = 0; j < k; ++j) b += static_cast<std::uint32_t>(p.path[j].size()) + 1;
            return Where{p.where.file, Span{b, b + static_cast<std::uint32_t>(p.path[k].size())}};
        };
        const NameKind k = lookup(sc, p.path[0], at);
        if (k == NameKind::none) {
            unknown_ident(sc, p.path[0], at, root_w, true);
        } else if (k == NameKind::section && p.path.size() > 1) {
            check_section_member(p.path[0], p.path[1], member_w(1));
        } else if (k == NameKind::table && p.path.size() > 1) {
            check_table_member(p.path[0], p.path[1], member_w(1));
        } else if (k == NameKind::local || k == NameKind::fact) {
            Shape sh = shape_of_name(sc, p.path[0], at, 0);
            std::string prefix = p.path[0];
            for (std::size_t i = 1; i < p.path.size() && sh.kind != Shape::unknown; ++i) {
                if (!sh.has(p.path[i])) {
                    const auto names = sh.members();
                    diag(Err::unknown_member, {prefix, p.path[i], did_you_mean(p.path[i], names), join(names, ", ")},
                         member_w(i));
                    break;
                }
                sh = sh.member(p.path[i]);
                prefix += "." + p.path[i];
            }
        }
    }
}


}  // namespace nianbao::rules::detail::sema
