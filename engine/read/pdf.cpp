// PDF reader: the text layer through poppler-cpp, rebuilt into lines.
//
// page::text_list() gives words with bounding boxes (top-left origin, points).
// Per page: words are grouped into lines by vertical overlap, sorted by x, and
// laid out in character columns of half the page's median word height (the
// width of an ASCII digit; a Chinese character takes two), so that table
// columns line up as in `pdftotext -layout`.  Between two words of a line:
// nothing when they touch, one space for an ordinary word gap, and at least
// two spaces when the gap is as wide as a character or more -- a table column
// boundary.  A vertical gap of more than twice the line height gives a blank
// line.  Page numbers ("-3-") stay in the text; the binder drops them.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "read/reader.hpp"
#include "read/rendering.hpp"

namespace nianbao {

namespace {

// The furthest display column a word is set at (an A4 landscape page in a
// 1 pt font is about 1700 half-character columns; real tables stay far below).
constexpr std::size_t kMaxColumn = 2000;

using rendering::Abort;
using rendering::Builder;

void quiet(const std::string&, void*) {}

struct Word {
    std::string text;
    double x0, y0, x1, y1;
    bool space_after;
    [[nodiscard]] double h() const { return y1 - y0; }
    [[nodiscard]] double cy() const { return (y0 + y1) / 2; }
};

struct PdfLine {
    std::vector<Word> words;
    double y0 = 0, y1 = 0;
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

std::vector<PdfLine> group_lines(std::vector<Word> words) {
    std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
        if (a.cy() != b.cy()) return a.cy() < b.cy();
        return a.x0 < b.x0;
    });
    std::vector<PdfLine> lines;
    for (auto& w : words) {
        bool joined = false;
        // A word joins a recent line when their vertical extents overlap by at
        // least half of the smaller height.
        for (std::size_t k = lines.size(); k-- > 0 && k + 3 >= lines.size();) {
            PdfLine& l = lines[k];
            const double overlap = std::min(l.y1, w.y1) - std::max(l.y0, w.y0);
            const double minh = std::max(0.1, std::min(l.y1 - l.y0, w.h()));
            if (overlap >= 0.5 * minh) {
                l.words.push_back(std::move(w));
                joined = true;
                break;
            }
        }
        if (!joined) {
            PdfLine l;
            l.y0 = w.y0;
            l.y1 = w.y1;
            l.words.push_back(std::move(w));
            lines.push_back(std::move(l));
        }
    }
    for (auto& l : lines) {
        std::sort(l.words.begin(), l.words.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
        // The line's band is that of its words' median, so one tall word does not swallow neighbours.
        l.y0 = l.words.front().y0;
        l.y1 = l.words.front().y1;
        for (const auto& w : l.words) {
            l.y0 = std::min(l.y0, w.y0);
            l.y1 = std::max(l.y1, w.y1);
        }
    }
    std::sort(lines.begin(), lines.end(), [](const PdfLine& a, const PdfLine& b) { return a.y0 + a.y1 < b.y0 + b.y1; });

    // A word of another line can seed a line and take words of the next row
    // with it: a character of a heading printed vertically down the table's
    // side ("三 / 、本 / 年 / 度办 …") overlaps half of the row beside it, so the
    // row's numbers join the character and the row's label starts a line of
    // its own.  Two neighbouring lines whose typical bands (the medians of
    // their words' tops and bottoms) overlap by most of the smaller one are one
    // row: merge them.
    auto band = [](const PdfLine& l) {
        std::vector<double> tops, bottoms;
        for (const auto& w : l.words) {
            tops.push_back(w.y0);
            bottoms.push_back(w.y1);
        }
        return std::pair<double, double>{median(tops), median(bottoms)};
    };
    for (std::size_t i = 0; i + 1 < lines.size();) {
        auto [a0, a1] = band(lines[i]);
        auto [b0, b1] = band(lines[i + 1]);
        const double overlap = std::min(a1, b1) - std::max(a0, b0);
        const double minh = std::max(0.1, std::min(a1 - a0, b1 - b0));
        if (overlap < 0.6 * minh) {
            ++i;
            continue;
        }
        PdfLine& l = lines[i];
        for (auto& w : lines[i + 1].words) l.words.push_back(std::move(w));
        std::sort(l.words.begin(), l.words.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
        l.y0 = std::min(l.y0, lines[i + 1].y0);
        l.y1 = std::max(l.y1, lines[i + 1].y1);
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
    return lines;
}

std::size_t width_of(std::string_view s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) w += static_cast<std::size_t>(std::max(0, utf8::width(utf8::next(s, i))));
    return w;
}

}  // namespace

ReadResult read_pdf(std::string path, std::string_view bytes, const FormatLimits& flimits) {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(quiet, nullptr); });
    rendering::Deadline deadline(flimits.max_time);
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return rendering::fail(std::move(path), "file too large for the PDF reader");
    try {
        std::unique_ptr<poppler::document> doc(
            poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
        if (!doc) throw Abort{"damaged PDF: poppler could not parse it (broken header, xref table or trailer)"};
        if (doc->is_locked()) throw Abort{"PDF is password-protected: nianbao cannot read it"};
        const int npages = doc->pages();
        if (npages <= 0) throw Abort{"damaged PDF: no pages"};
        if (static_cast<std::size_t>(npages) > flimits.max_pages)
            throw Abort{"PDF has too many pages (" + std::to_string(npages) + ", limit " +
                        std::to_string(flimits.max_pages) + ")"};
        Builder b;
        std::size_t visible = 0;  // non-space characters in the text layer
        for (int pi = 0; pi < npages; ++pi) {
            deadline.check();
            std::unique_ptr<poppler::page> page(doc->create_page(pi));
            if (!page) continue;
            std::vector<Word> words;
            for (auto& box : page->text_list()) {
                const auto utf8 = box.text().to_utf8();
                std::string t(utf8.begin(), utf8.end());
                // Words never carry line breaks or tabs into the rendering.
                for (auto& c : t)
                    if (c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') c = ' ';
                if (t.find_first_not_of(' ') == std::string::npos) continue;
                for (std::size_t i = 0; i < t.size();)
                    if (!utf8::is_space(utf8::next(t, i))) ++visible;
                const poppler::rectf r = box.bbox();
                words.push_back(Word{std::move(t), r.left(), r.top(), r.right(), r.bottom(), box.has_space_after()});
            }
            if (words.empty()) continue;
            std::vector<double> heights, units;
            double left = words.front().x0;
            for (const auto& w : words) {
                heights.push_back(w.h());
                left = std::min(left, w.x0);
                const std::size_t dw = width_of(w.text);
                if (dw > 0 && w.x1 > w.x0) units.push_back((w.x1 - w.x0) / static_cast<double>(dw));
            }
            const double em = std::max(1.0, median(heights));
            // One display column: the median width per display column of the
            // words (half a Chinese character), else half the line height.
            const double unit = units.empty() ? em / 2 : std::max(0.5, median(units));
            const auto lines = group_lines(std::move(words));
            const auto where = b.where_id("第" + std::to_string(pi + 1) + "页");
            std::uint32_t line_on_page = 0;
            double prev_bottom = -1;
            for (const auto& l : lines) {
                if (prev_bottom >= 0 && l.y0 - prev_bottom > 2 * em && !b.after_blank_line()) b.newline();
                prev_bottom = l.y1;
                b.anchor(++line_on_page, 1, static_cast<std::uint32_t>(pi + 1), where);
                std::string out;
                std::size_t col = 0;
                const Word* prev = nullptr;
                for (const auto& w : l.words) {
                    // A word far out (x = 5e8 on a huge page box) is set no
                    // further than kMaxColumn: a gap never becomes gigabytes of spaces.
                    const auto target = static_cast<std::size_t>(
                        std::clamp(std::round((w.x0 - left) / unit), 0.0, static_cast<double>(kMaxColumn)));
                    if (prev == nullptr) {
                        out.append(target, ' ');
                        col = target;
                    } else {
                        const double gap = w.x0 - prev->x1;
                        const double h = std::max(1.0, std::min(prev->h(), w.h()));
                        std::size_t spaces = 0;
                        if (gap >= 0.9 * h) spaces = std::max<std::size_t>(2, target > col ? target - col : 0);
                        else if (prev->space_after || gap >= 0.25 * h) spaces = 1;
                        out.append(spaces, ' ');
                        col += spaces;
                    }
                    out += w.text;
                    col += width_of(w.text);
                    prev = &w;
                }
                // The leading indentation carries layout only; keep it but make
                // sure no line starts with a tab (the cell-per-line marker).
                b.append(out);
                b.newline();
                if (b.text.size() > flimits.max_output_bytes) throw Abort{"text rendering too large"};
            }
        }
        const std::size_t needed = std::max<std::size_t>(20, 10u * static_cast<std::size_t>(npages));
        if (visible < needed)
            throw Abort{"no text layer (" + std::to_string(visible) + " characters on " + std::to_string(npages) +
                        " page" + (npages == 1 ? "" : "s") + "; a scanned PDF?): OCR it first"};
        return rendering::make_result(std::move(path), std::move(b), "pdf", "PDF text layer");
    } catch (const Abort& a) {
        return rendering::fail(std::move(path), a.reason);
    } catch (const std::bad_alloc&) {
        return rendering::fail(std::move(path), "damaged PDF: out of memory while reading it");
    } catch (const std::exception& e) {
        return rendering::fail(std::move(path), std::string("damaged PDF: ") + e.what());
    }
}

}  // namespace nianbao
