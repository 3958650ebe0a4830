// The steps that build a Document (document.cpp runs them in this order),
// and what they share.  Internal to engine/model.
//
//   build_lines     lines.cpp      one Line per source line
//   build_tables    tables.cpp     runs of lines in a table layout -> Table
//                                  (one file per layout: table_*.cpp)
//   build_headings  headings.cpp   numbered headings and the section tree
//   build_numbering_issues  numbering.cpp
//   build_dates     dates.cpp
#pragma once
#include <cstddef>
#include <span>
#include <string_view>

#include "model/document.hpp"

namespace nianbao::model {

// The document being built, with its source and view texts at hand.
struct Build {
    Build(Document& doc, const SourceText& source)
        : d(doc), src(source), st(source.text()), vt(doc.view.text()) {}
    Document& d;
    const SourceText& src;
    std::string_view st;  // source text
    std::string_view vt;  // view text

    // Line `idx` (0-based index into d.lines) in the source and in the view.
    [[nodiscard]] std::string_view src_line(std::size_t idx) const {
        const Span& s = d.lines[idx].src;
        return st.substr(s.begin, s.size());
    }
    [[nodiscard]] std::string_view view_line(std::size_t idx) const {
        const Span& s = d.lines[idx].view;
        return vt.substr(s.begin, s.size());
    }
};

void build_lines(Build& b);
void build_tables(Build& b);
void build_headings(Build& b);
void build_numbering_issues(Document& d);
void build_dates(Document& d);

}  // namespace nianbao::model
