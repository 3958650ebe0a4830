// SourceText: line index and offset maps (see source.hpp).
#include "core/source.hpp"

#include <algorithm>
#include <utility>

namespace nianbao {

namespace {
bool is_cont(char c) { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }
}  // namespace

SourceText::SourceText(std::string path, std::string text, std::string encoding, std::uint32_t bom_size,
                       std::vector<std::uint32_t> orig_offsets)
    : path_(std::move(path)),
      text_(std::move(text)),
      encoding_(std::move(encoding)),
      bom_size_(bom_size),
      orig_offsets_(std::move(orig_offsets)) {
    const auto n = static_cast<std::uint32_t>(text_.size());
    line_starts_.push_back(0);
    for (std::uint32_t i = 0; i < n; ++i) {
        const char c = text_[i];
        if (c == '\n') {
            line_starts_.push_back(i + 1);
        } else if (c == '\r') {
            if (i + 1 < n && text_[i + 1] == '\n') ++i;
            line_starts_.push_back(i + 1);
        }
    }
    if (!orig_offsets_.empty()) {
        cp_starts_.reserve(orig_offsets_.size());
        for (std::uint32_t i = 0; i < n; ++i)
            if (!is_cont(text_[i])) cp_starts_.push_back(i);
    }
}

LineCol SourceText::locate(std::uint32_t offset) const {
    const auto n = static_cast<std::uint32_t>(text_.size());
    offset = std::min(offset, n);
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line_index = static_cast<std::uint32_t>(it - line_starts_.begin()) - 1;
    const std::uint32_t start = line_starts_[line_index];
    std::uint32_t column = 1;
    for (std::uint32_t i = start; i < offset; ++i)
        if (!is_cont(text_[i])) ++column;
    return LineCol{line_index + 1, column};
}

Span SourceText::line_span(std::uint32_t line) const {
    const auto n = static_cast<std::uint32_t>(text_.size());
    if (line == 0 || line > line_starts_.size()) return Span{n, n};
    const std::uint32_t begin = line_starts_[line - 1];
    std::uint32_t end = n;
    if (line < line_starts_.size()) {
        end = line_starts_[line];  // just after the terminator
        if (end > begin && text_[end - 1] == '\n') {
            --end;
            if (end > begin && text_[end - 1] == '\r') --end;
        } else if (end > begin && text_[end - 1] == '\r') {
            --end;
        }
    }
    return Span{begin, end};
}

std::string_view SourceText::line_text(std::uint32_t line) const {
    const Span s = line_span(line);
    return std::string_view(text_).substr(s.begin, s.size());
}

std::uint32_t SourceText::original_offset(std::uint32_t offset) const {
    const auto n = static_cast<std::uint32_t>(text_.size());
    offset = std::min(offset, n);
    if (orig_offsets_.empty()) return offset + bom_size_;
    if (offset >= n || cp_starts_.empty()) return orig_offsets_.back();
    // Index of the code point containing `offset`.
    const auto it = std::upper_bound(cp_starts_.begin(), cp_starts_.end(), offset);
    const auto index = static_cast<std::size_t>(it - cp_starts_.begin()) - (it == cp_starts_.begin() ? 0 : 1);
    return index < orig_offsets_.size() ? orig_offsets_[index] : orig_offsets_.back();
}

void SourceText::set_origins(std::string kind, std::vector<OriginAnchor> anchors, std::vector<std::string> wheres) {
    kind_ = std::move(kind);
    anchors_ = std::move(anchors);
    wheres_ = std::move(wheres);
    std::stable_sort(anchors_.begin(), anchors_.end(),
                     [](const OriginAnchor& a, const OriginAnchor& b) { return a.offset < b.offset; });
}

std::optional<Origin> SourceText::origin(std::uint32_t offset) const {
    if (anchors_.empty()) return std::nullopt;
    const auto n = static_cast<std::uint32_t>(text_.size());
    offset = std::min(offset, n);
    auto it = std::upper_bound(anchors_.begin(), anchors_.end(), offset,
                               [](std::uint32_t o, const OriginAnchor& a) { return o < a.offset; });
    if (it == anchors_.begin()) return std::nullopt;
    const OriginAnchor& a = *(it - 1);
    Origin o;
    o.line = a.line;
    o.page = a.page;
    o.column = a.column;
    for (std::uint32_t i = a.offset; i < offset && i < n; ++i)
        if (!is_cont(text_[i])) ++o.column;
    if (a.where > 0 && a.where <= wheres_.size()) o.where = wheres_[a.where - 1];
    return o;
}

}  // namespace nianbao
