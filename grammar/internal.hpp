// Internal interfaces between the compiler's passes: the parser (pass 1,
// parser.cpp), sema (sema.cpp, sema_N_*.cpp) and patterns (regex.cpp).  Not
// part of the public API (grammar/compile.hpp).  The parser's own state is
// in parse_state.hpp, what the semantic passes share in sema_passes.hpp.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.hpp"
#include "core/textnorm.hpp"
#include "grammar/ast.hpp"
#include "grammar/compile.hpp"
#include "grammar/errors.hpp"

namespace nianbao::rules::detail {

RuleDiagnostic make_diag(Err e, std::vector<std::string> args, const std::shared_ptr<const SourceText>& file,
                         Span span);
inline RuleDiagnostic make_diag(Err e, std::vector<std::string> args, const Where& w) {
    return make_diag(e, std::move(args), w.file, w.span);
}

// Pass 1.  After a syntax error the parser reports it, skips to the next line
// starting with a declaration keyword and goes on: `file` holds every
// declaration that parsed, plus a stand-in (name only) for each broken
// declaration whose name could be read, so that its uses do not cascade.
struct ParseResult {
    std::unique_ptr<RuleFile> file;
    bool syntax_error = false;
    bool ruleset_broken = false;         // the ruleset declaration itself did not parse
    std::string broken_ruleset;          // its name, when it could be read
    std::vector<std::size_t> broken_tables;  // indices in file->tables of stand-ins
    std::vector<RuleDiagnostic> diagnostics;
};
ParseResult parse_rule_file(const std::shared_ptr<const SourceText>& src);

// lexical.cpp: unescapes a string literal as written (with its quotes) starting at file
// offset `base`.  offsets[i] = file offset of value byte i; offsets has
// value.size() + 1 entries.
std::string unescape_string(std::string_view literal, std::uint32_t base, std::vector<std::uint32_t>* offsets);

// lexical.cpp: true for the characters of identifiers after the first (letters, digits,
// '_', CJK ideographs in the ranges of the grammar).
bool is_ident_char(char32_t cp);
bool is_ident_start(char32_t cp);
bool is_keyword(std::string_view word);

// Pass 4 (regex.cpp): a pattern as written between the slashes, starting at
// file offset `offset`.  Returns null (and adds to `errors`) when it cannot be
// compiled.
struct PatternError {
    Err code;
    std::vector<std::string> args;
    Span span;  // in the rule file
};
std::shared_ptr<const Regex> compile_pattern(std::string_view source, std::uint32_t offset, CharNormalizer& norm,
                                             std::vector<PatternError>& errors);

}  // namespace nianbao::rules::detail
