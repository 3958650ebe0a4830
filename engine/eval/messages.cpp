// The finding of a rule: its rule, severity (the configuration may change it),
// place in the source, the cells it names, and its message — the rule's
// message with each placeholder {name.member…} rendered and kept as a value,
// or for a rule that is not assessable its title and the reason.
#include <algorithm>

#include "eval/findings.hpp"

namespace nianbao::eval {

namespace {

// The rule's message with its placeholders filled in; each placeholder's
// rendering is kept once in f.values under its path ("s.title").
void write_message(Finding& f, const rules::Message& message, Evaluator& ev, const Document& doc) {
    for (const auto& piece : message.pieces) {
        if (!piece.placeholder) {
            f.message += piece.text;
            continue;
        }
        Value v = piece.path.empty() ? Value::missing("") : ev.lookup(piece.path.front());
        for (std::size_t i = 1; i < piece.path.size(); ++i) v = ev.member(v, piece.path[i]);
        std::string shown = render(v, doc);
        f.message += shown;
        std::string key;
        for (const auto& p : piece.path) key += (key.empty() ? "" : ".") + p;
        if (std::none_of(f.values.begin(), f.values.end(), [&](const auto& kv) { return kv.first == key; }))
            f.values.emplace_back(key, shown);
    }
}

}  // namespace

void emit(RunState& st, const rules::RuleDecl& rule, Evaluator& ev, Span view_span, bool not_assessable,
          const std::string& reason, std::optional<CellIndex> at_cell) {
    // a report the rule needs is absent: said once per rule, not once per item
    if (not_assessable && ev.absent_report &&
        std::any_of(st.out.begin(), st.out.end(), [&](const Finding& o) {
            return o.rule == rule.id && o.not_assessable && o.message.find(reason) != std::string::npos;
        }))
        return;
    Finding f;
    f.cells = finding_cells(st, ev, view_span, at_cell);
    f.rule = rule.id;
    f.title = rule.title.value;
    f.ruleset = rule.ruleset;
    f.source = rule.source ? rule.source->value : std::string{};
    f.not_assessable = not_assessable;
    f.severity = rule.severity;
    if (auto it = st.options.severity.find(rule.id); it != st.options.severity.end()) f.severity = it->second;
    if (not_assessable) f.severity = Severity::note;
    Span src = st.doc.to_source(view_span);
    f.span = src;
    f.pos = st.src.locate(src.begin);
    f.end = st.src.locate(src.end);
    f.origin = st.src.origin(src.begin);
    if (not_assessable) {
        f.message = rule.title.value + "：无法评估（" + reason + "）";
    } else if (rule.message) {
        write_message(f, *rule.message, ev, st.doc);
    }
    for (const auto& r : ev.related) f.related.push_back(RelatedLocation{r.path, r.pos, r.origin, r.what});
    st.out.push_back(std::move(f));
}

}  // namespace nianbao::eval
