// Internal to read/: building a text rendering with its origin map.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.hpp"
#include "core/utf8.hpp"
#include "read/decode.hpp"

namespace nianbao::rendering {

// Thrown inside a reader to abort with a one-line InputError reason.
struct Abort {
    std::string reason;
};

class Builder {
public:
    std::string text;
    std::vector<OriginAnchor> anchors;
    std::vector<std::string> wheres;

    std::uint32_t where_id(const std::string& w) {
        if (w.empty()) return 0;
        auto it = ids_.find(w);
        if (it != ids_.end()) return it->second;
        wheres.push_back(w);
        const auto id = static_cast<std::uint32_t>(wheres.size());
        ids_.emplace(w, id);
        return id;
    }
    // Starts a new run at the current end of the text.
    void anchor(std::uint32_t line, std::uint32_t column, std::uint32_t page = 0, std::uint32_t where = 0) {
        const auto off = static_cast<std::uint32_t>(text.size());
        if (!anchors.empty() && anchors.back().offset == off) anchors.pop_back();
        anchors.push_back(OriginAnchor{off, line, column, page, where});
    }
    // Every text entering the document model is valid UTF-8: a reader's bytes
    // that are not (a raw 0xFF, a surrogate from a character reference) become
    // U+FFFD, one per bad byte.
    void append(std::string_view s) {
        if (utf8::first_invalid(s) == std::string_view::npos) {
            text.append(s);
            return;
        }
        for (std::size_t i = 0; i < s.size();) utf8::append(text, utf8::next(s, i));
    }
    void newline() { text.push_back('\n'); }
    [[nodiscard]] bool at_line_start() const { return text.empty() || text.back() == '\n'; }
    // Last line is blank (or there is no text yet).
    [[nodiscard]] bool after_blank_line() const {
        return text.empty() || (text.size() >= 2 && text[text.size() - 1] == '\n' && text[text.size() - 2] == '\n');
    }

private:
    std::map<std::string, std::uint32_t> ids_;
};

class Deadline {
public:
    explicit Deadline(std::chrono::milliseconds limit) : limit_(limit), start_(std::chrono::steady_clock::now()) {}
    void check() const {
        if (std::chrono::steady_clock::now() - start_ > limit_)
            throw Abort{"took too long to read (more than " + std::to_string(limit_.count() / 1000) + " s)"};
    }

private:
    std::chrono::milliseconds limit_;
    std::chrono::steady_clock::time_point start_;
};

// Display width of a code point: 2 for East Asian wide/fullwidth, else 1.
int display_width(char32_t c);

// HTML: throws Abort when elements nest more than `max_depth` deep (html_nesting.cpp).
void check_html_nesting(std::string_view html, std::size_t max_depth);

ReadResult make_result(std::string path, Builder&& b, std::string kind, std::string encoding);
ReadResult fail(std::string path, std::string reason);

}  // namespace nianbao::rendering
