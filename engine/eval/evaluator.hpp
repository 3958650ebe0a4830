// The evaluator of the rule language, private to eval/: one Evaluator per rule
// set and report evaluates expressions over the bound Document.  Its jobs live
// in one file each:
//   expressions.cpp  eval(), operators, comparison, truth
//   names.cpp        what a name and a member mean: locals, sections, tables, facts
//   pattern.cpp      patterns over the matching view: matches, scopes, first/last/all/count, `~`
//   tables.cpp       table, row, column and cell values; T[R, C]
//   collections.cpp  the lists rules iterate over: headings, numbering issues, rows, columns, cells
//   functions.cpp    call(): the other built-in functions
// Findings are made from it by placement.cpp and messages.cpp (eval/emit.hpp);
// checker.cpp drives the rule sets (eval/checker.hpp).
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bind/sections.hpp"
#include "bind/tables.hpp"
#include "eval/checker.hpp"
#include "eval/links.hpp"
#include "eval/value.hpp"
#include "grammar/builtins.hpp"
#include "model/document.hpp"

namespace nianbao::eval {

// ---- pattern matching over the matching view (pattern.cpp) -----------------

struct RegexHit {
    Span whole;
    std::vector<std::optional<Span>> groups;  // by Regex::captures index
};

// Calls fn for each match of re inside text[region]; fn returns false to stop.
// False when the search was stopped by the time or stack limit.
bool each_match(const rules::Regex& re, std::string_view text, Span region,
                const std::function<bool(const RegexHit&)>& fn);
// The reason of a missing value when a search hit its limits.
std::string match_limit_reason(const rules::Regex& re);
// A number as written ("1,234", "3.5"); ok is false unless all of s is one.
double parse_number(std::string_view s, bool& ok);

// ---- the evaluator ---------------------------------------------------------

// Why a value is missing when the expression or the chain of facts is too deep to follow.
inline constexpr const char* kTooDeep = "表达式或事实引用嵌套过深";

class Evaluator {
public:
    Evaluator(const Document& doc, const rules::Ruleset& rs, const std::vector<SectionBinding>& bindings,
              const std::vector<BoundTable>& tables, const CheckOptions* options = nullptr,
              const ReportLinks* links = nullptr)
        : doc_(doc), rs_(rs), bindings_(bindings), tables_(tables), options_(options), links_(links) {}
    ~Evaluator();
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    Value eval(const rules::Expr& e);
    Value fact(const std::string& name);
    Value lookup(const std::string& name);
    Value member(const Value& obj, const std::string& name);
    bool truth(const Value& v, bool& missing, std::string& reason);

    std::vector<std::pair<std::string, Value>> locals;
    std::optional<Span> blame;          // first value with a place used by an expression
    std::optional<Span> missing_blame;  // first missing value with a place (a blank cell)
    // the cells read (table, row, column), in order, since the caller last cleared it
    std::vector<std::array<int, 3>> touched;
    // patterns (as written) whose search stopped at the time or backtracking
    // limit since the caller last cleared it: the rule is told to its author
    std::vector<std::string> limited_patterns;
    // places in other reports whose values the rule used, since the caller last
    // cleared it (the finding's related locations); cross.cpp
    struct Related {
        std::string path;
        LineCol pos;
        std::optional<Origin> origin;
        std::string what;
    };
    std::vector<Related> related;
    // set when a report the rule asked for is not in the batch: its "not
    // assessable" is said once per rule, not once per item
    bool absent_report = false;
    // Clears what is gathered per rule item: blame, touched cells, related places.
    void begin_item() {
        blame.reset();
        missing_blame.reset();
        touched.clear();
        related.clear();
        absent_report = false;
    }
    // The identity of this report: the batch's when one was surveyed, else its facts.
    ReportIdentity identity();

    [[nodiscard]] const Document& doc() const { return doc_; }
    [[nodiscard]] const BoundTable& bound_table(int t) const { return tables_[static_cast<std::size_t>(t)]; }
    [[nodiscard]] const std::vector<SectionBinding>& bindings() const { return bindings_; }

private:
    // expressions.cpp
    Value eval_node(const rules::Expr& e);
    Value binary(const rules::Expr& e);
    Value compare(const std::string& op, const Value& a, const Value& b);
    void note_place(const Value& v) {
        if (!v.place) return;
        if (v.report != 0) note_foreign(v);
        if (v.report > 0) return;
        if (v.is_missing()) {
            if (!missing_blame) missing_blame = v.place;
        } else if (!blame) {
            blame = v.place;
        }
    }
    // names.cpp
    Value section_value(int index);
    Value string_at(Span s) { return Value::string(std::string(doc_.view_text(s)), s); }
    // pattern.cpp
    Value match_record(const rules::Regex& re, const RegexHit& hit, std::string_view text, bool with_place);
    bool region_of(const Value& v, std::vector<Span>& spans, std::string& standalone, bool& has_standalone,
                   std::string& reason);
    Value search(const rules::Expr& e, rules::Builtin id);   // first, last, all, count
    Value matches(const std::string& op, const Value& a, const Value& re);  // a ~ re, a !~ re
    // functions.cpp
    Value call(const rules::Expr& e);
    Value arg(const rules::Expr& e, std::size_t i) {
        return i < e.args.size() ? eval(*e.args[i]) : Value::missing("缺少参数");
    }
    Value line_value(std::uint32_t view_offset, int delta);
    Value extreme(const rules::Expr& e, bool largest);  // max, min
    // cross.cpp
    Value cross(const rules::Expr& e, rules::Builtin id);
    Value in_report(const std::shared_ptr<const LoadedReport>& rep, const rules::Expr& e, const std::string& label);
    Value carry(const Value& v, const Evaluator& to) const;
    void tag(Value& v, int k) const;
    void note_foreign(const Value& v);
    bool text_of(const Value& v, std::string& out, std::string& reason) const;
    Value similar_reports(const rules::Expr& e);
    Value mentions(const rules::Expr& e);
    // collections.cpp
    Value collection(const rules::Expr& e, rules::Builtin id);
    // tables.cpp
    Value table_value(int t);
    Value row_value(int t, int r);
    Value column_value(int t, int c);
    Value cell_value(int t, int r, int c);
    enum class Axis { row, column };
    bool select(Axis axis, int t, const rules::Expr& e, std::vector<int>& out, bool& group, std::string& error);
    Value table_index(const Value& table, const rules::Expr& e);
    std::string short_row_label(int t, int r) const;
    std::string column_label(int t, int c) const;

    const Document& doc_;
    const rules::Ruleset& rs_;
    const std::vector<SectionBinding>& bindings_;
    const std::vector<BoundTable>& tables_;
    const CheckOptions* options_;
    const ReportLinks* links_;
    // other reports this evaluator has read values of (Value::report = index + 1), each with its evaluator
    std::vector<std::shared_ptr<const LoadedReport>> held_;
    std::vector<std::unique_ptr<Evaluator>> held_ev_;
    std::vector<Related> far_;  // places in files not read (Value::report < 0)
    std::map<std::string, Value> facts_;
    std::set<std::string> in_progress_;
    static constexpr int kMaxEvalDepth = 500;
    int depth_ = 0;
};

}  // namespace nianbao::eval
