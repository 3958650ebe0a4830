// ZIP packages of XML parts and shared XML helpers (see package.hpp).
#include "read/package.hpp"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/utf8.hpp"
#include "read/rendering.hpp"

namespace nianbao::rendering {

namespace {

struct FileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

ZipPackage::ZipPackage(std::string_view bytes, std::string label, const FormatLimits& lim)
    : label_(std::move(label)), lim_(lim) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src) throw Abort{"cannot read the " + label_ + " package"};
    z_ = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!z_) {
        zip_source_free(src);
        std::string why = zip_error_strerror(&err);
        zip_error_fini(&err);
        throw Abort{"damaged " + label_ + " (not a readable ZIP package: " + why + ")"};
    }
    zip_error_fini(&err);
    const zip_int64_t n = zip_get_num_entries(z_, 0);
    if (n < 0 || static_cast<std::size_t>(n) > lim_.max_entries) {
        zip_discard(z_);
        z_ = nullptr;
        throw Abort{"too many entries in the " + label_ + " package (" + std::to_string(n) + ", limit " +
                    std::to_string(lim_.max_entries) + ")"};
    }
}

ZipPackage::~ZipPackage() {
    if (z_) zip_discard(z_);
}

bool ZipPackage::has(const char* name) const {
    zip_stat_t st;
    zip_stat_init(&st);
    return zip_stat(z_, name, 0, &st) == 0;
}

std::string ZipPackage::read(const char* name) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z_, name, 0, &st) != 0) throw Abort{"damaged " + label_ + ": no " + name};
    if ((st.valid & ZIP_STAT_SIZE) && st.size > lim_.max_unpacked_bytes)
        throw Abort{std::string(name) + " is too large uncompressed (" + std::to_string(st.size) + " bytes, limit " +
                    std::to_string(lim_.max_unpacked_bytes) + ")"};
    if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
        st.size / std::max<zip_uint64_t>(st.comp_size, 1) > lim_.max_ratio)
        throw Abort{std::string("suspicious compression ratio of ") + name + " (" +
                    std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) + ":1, limit " +
                    std::to_string(lim_.max_ratio) + ":1): a zip bomb?"};
    std::unique_ptr<zip_file_t, FileCloser> f(zip_fopen(z_, name, 0));
    if (!f) throw Abort{"damaged " + label_ + ": cannot open " + name + ": " + zip_strerror(z_)};
    std::string out;
    char buf[1 << 16];
    for (;;) {
        const zip_int64_t got = zip_fread(f.get(), buf, sizeof buf);
        if (got < 0) throw Abort{"damaged " + label_ + ": cannot read " + name + ": " + zip_file_strerror(f.get())};
        if (got == 0) break;
        out.append(buf, static_cast<std::size_t>(got));
        // The declared size can lie: the limits hold for what actually comes out.
        if (out.size() > lim_.max_unpacked_bytes)
            throw Abort{std::string(name) + " is too large uncompressed (more than " +
                        std::to_string(lim_.max_unpacked_bytes) + " bytes)"};
        if (out.size() > (1u << 20) && (st.valid & ZIP_STAT_COMP_SIZE) &&
            out.size() / std::max<zip_uint64_t>(st.comp_size, 1) > lim_.max_ratio)
            throw Abort{std::string("suspicious compression ratio of ") + name + " (more than " +
                        std::to_string(lim_.max_ratio) + ":1): a zip bomb?"};
    }
    return out;
}

std::string declared_encoding(std::string_view xml) {
    if (xml.substr(0, 3) == "\xEF\xBB\xBF") xml.remove_prefix(3);
    if (xml.substr(0, 5) != "<?xml") return {};
    const auto end = xml.find("?>");
    if (end == std::string_view::npos || end > 512) return {};
    const auto decl = xml.substr(0, end);
    auto at = decl.find("encoding");
    if (at == std::string_view::npos) return {};
    at = decl.find_first_of("\"'", at);
    if (at == std::string_view::npos) return {};
    const auto close = decl.find(decl[at], at + 1);
    if (close == std::string_view::npos) return {};
    std::string enc(decl.substr(at + 1, close - at - 1));
    for (auto& c : enc) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return enc;
}

std::string_view local(const pugi::xml_node& n) {
    std::string_view s = n.name();
    const auto colon = s.find(':');
    return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node child_local(const pugi::xml_node& n, std::string_view name) {
    for (auto c = n.first_child(); c; c = c.next_sibling())
        if (local(c) == name) return c;
    return {};
}

std::string_view attr_local(const pugi::xml_node& n, std::string_view name) {
    for (auto a = n.first_attribute(); a; a = a.next_attribute()) {
        std::string_view s = a.name();
        const auto colon = s.find(':');
        if ((colon == std::string_view::npos ? s : s.substr(colon + 1)) == name) return a.value();
    }
    return {};
}

int int_attr(const pugi::xml_node& n, std::string_view name, int fallback, int cap) {
    const std::string v(attr_local(n, name));
    if (v.empty()) return fallback;
    return std::clamp(std::atoi(v.c_str()), 1, cap);
}

bool blank(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (!utf8::is_space(utf8::next(s, i))) return false;
    return true;
}

void emit_paragraph(Builder& b, std::string_view text, std::uint32_t para, const FormatLimits& lim) {
    if (!b.at_line_start()) b.newline();
    const auto where = b.where_id("第" + std::to_string(para) + "段");
    std::uint32_t column = 1;
    b.anchor(para, column, 0, where);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t cp = utf8::next(text, i);
        if (cp == U'\n') {
            b.newline();
            b.anchor(para, column, 0, where);
            continue;
        }
        b.append(text.substr(start, i - start));
        ++column;
    }
    b.newline();
    if (b.text.size() > lim.max_output_bytes) throw Abort{"text rendering too large"};
}

void emit_table(Builder& b, std::vector<std::vector<GridSlot>>& grid, std::size_t width, std::uint32_t table,
                const FormatLimits& lim) {
    if (!b.at_line_start()) b.newline();
    std::uint32_t rno = 0;
    for (auto& row : grid) {
        ++rno;
        row.resize(width);
        std::uint32_t cno = 0;
        for (const auto& s : row) {
            ++cno;
            b.append("\t");
            if (s.origin && !s.text.empty()) {
                const auto where = b.where_id("表" + std::to_string(table) + " 第" + std::to_string(rno) + "行 第" +
                                              std::to_string(cno) + "列");
                b.anchor(rno, 1, 0, where);
                b.append(s.text);
            }
            b.newline();
        }
        b.newline();
    }
    if (b.text.size() > lim.max_output_bytes) throw Abort{"text rendering too large"};
}

}  // namespace nianbao::rendering
