// Rule tests: sample reports with .expect files.
//
// An .expect file sits next to its sample (same name, ".expect" instead of the
// sample's extension), or names it with "sample PATH" (relative to the .expect
// file).  Lines:
//   expect RULE-ID [line N]   a finding of RULE-ID (at line N) must appear
//   reject RULE-ID [line N]   no finding of RULE-ID (at line N) may appear
//   todo RULE-ID [line N]     a known gap: the finding should appear but does not
//                             yet; passes while absent, fails ("todo fixed: …")
//                             once it appears, so that it is promoted to expect
//   with PATH                 another report checked in the same batch (for the rules
//                             that compare reports); only the sample's findings are tested
//   history PATH              an earlier year's report or folder, as `check --history`
//   config PATH               a nianbao.toml for this test ([hierarchy], [aliases], [facts] …)
//   exhaustive                every finding (not-assessable notes too) must be expected
//   # comment
#pragma once
#include <ostream>
#include <string>

#include "grammar/compile.hpp"

namespace nianbao {

// Runs every *.expect under dir (or the one .expect file dir names); prints one line per failure with the .expect
// file and line, and a closing "N passed, M failed" line.  True if all pass.
bool run_rule_tests(const rules::RuleLibrary& lib, const std::string& dir, std::ostream& out);

}  // namespace nianbao
