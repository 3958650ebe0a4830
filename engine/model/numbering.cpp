// Numbering issues: the defects of each list of sibling headings -- a
// marker in other numerals, a gap, a duplicate, a list not starting at 1.
#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "model/build.hpp"
#include "model/markers.hpp"

namespace nianbao::model {

void build_numbering_issues(Document& d) {
    const auto& H = d.headings;
    std::map<std::pair<int, int>, std::vector<int>> lists;  // (parent, level) -> headings
    std::vector<std::pair<int, int>> order;
    for (std::size_t i = 0; i < H.size(); ++i) {
        auto key = std::make_pair(H[i].parent, H[i].level);
        auto& v = lists[key];
        if (v.empty()) order.push_back(key);
        v.push_back(static_cast<int>(i));
    }
    std::vector<NumberingIssue> issues;
    for (const auto& key : order) {
        const std::vector<int>& items = lists[key];
        int dom = items.front();
        for (int i : items) {
            if (!H[i].mixed_numerals) {
                dom = i;
                break;
            }
        }
        NumStyle style = H[dom].style;
        std::string tmpl(d.view_text(H[dom].marker));
        auto expect = [&](int n) { return format_marker(style, n, tmpl); };
        auto issue = [&](const char* kind, int i, std::string expected) {
            issues.push_back({kind, i, std::string(d.view_text(H[i].marker)), std::move(expected)});
        };
        int prev = 0;
        std::set<int> seen;
        for (std::size_t k = 0; k < items.size(); ++k) {
            int i = items[k];
            int num = H[i].number;
            if (H[i].mixed_numerals) issue("numerals", i, expect(num));
            if (k == 0) {
                // A list that does not start at 1 -- unless it is a lone
                // item followed by a restart (a fragment, or a table row
                // such as "5." flattened into the text).
                bool lone = items.size() < 2 || H[items[1]].number == 1;
                if (num != 1 && !lone) issue("start", i, expect(1));
            } else if (num == prev + 1) {
                // in sequence
            } else if (num == 1) {
                seen.clear();  // a new list restarts at 1
            } else if (num == prev || seen.count(num)) {
                issue("duplicate", i, std::string(d.view_text(H[i].marker)));
            } else {
                issue("gap", i, expect(prev + 1));
            }
            prev = num;
            seen.insert(num);
        }
    }
    std::stable_sort(issues.begin(), issues.end(),
                     [](const NumberingIssue& a, const NumberingIssue& b) { return a.heading < b.heading; });
    d.numbering_issues = std::move(issues);
}

}  // namespace nianbao::model
