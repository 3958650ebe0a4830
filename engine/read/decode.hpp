// Reading an input file into a SourceText: encoding detection and decoding.
//
// Detected, never guessed silently: UTF-8 (with or without BOM), UTF-16LE/BE
// with BOM, GB18030 (which covers GBK/GB2312) and Big5.  A file that is none of
// these, is binary, is empty or exceeds the size limit is an InputError with a
// one-line reason naming the byte offset where it went wrong.
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/source.hpp"

namespace nianbao {

struct ReadLimits {
    std::size_t max_bytes = 32u << 20;  // 32 MiB
};

struct ReadResult {
    std::optional<SourceText> source;
    std::optional<InputError> error;
    [[nodiscard]] bool ok() const { return source.has_value(); }
};

// "fifo", "socket", "character device", … (std::filesystem::file_type in words).
std::string_view file_type_name(std::filesystem::file_type t);
// "not a regular file (fifo)" when `path` exists and is neither a regular file
// nor a directory (a FIFO, socket or device: reading it could block forever);
// nullopt otherwise.  Looks at the status only, never opens the file.
std::optional<std::string> special_file_reason(const std::filesystem::path& path);
// Reads a file's bytes within the size limit; on failure fills `error`
// ("is a directory", "not a regular file (fifo)", "cannot open file: …",
// "file too large (…)", "cannot read file: …").  Only regular files are read.
std::optional<std::string> read_file_bytes(const std::filesystem::path& path, const ReadLimits& limits,
                                           InputError& error);
// A file's bytes given to `decode` (bytes -> ReadResult), or the error reading them.
template <class Decode>
ReadResult read_file_with(const std::filesystem::path& path, const ReadLimits& limits, Decode&& decode) {
    InputError error;
    auto bytes = read_file_bytes(path, limits, error);
    if (!bytes) {
        ReadResult r;
        r.error = std::move(error);
        return r;
    }
    return decode(*bytes);
}
// Reads and decodes a file.
ReadResult read_text_file(const std::filesystem::path& path, const ReadLimits& limits = {});
// Decodes bytes already in memory (path is only used for messages).
ReadResult decode_text(std::string path, std::string_view bytes, const ReadLimits& limits = {});

// Strict GB18030 (a superset of GBK and GB2312) to UTF-8; on a bad byte,
// nothing and its offset in `bad`.
std::optional<std::string> decode_gb18030(std::string_view bytes, std::size_t& bad);

}  // namespace nianbao
