// Reading an input file: encoding detection and decoding (see decode.hpp).
//
// Detection order (never a silent guess):
//  1. size limit, empty file;
//  2. byte order marks: EF BB BF -> "UTF-8 (BOM)", FF FE -> "UTF-16LE",
//     FE FF -> "UTF-16BE" (strict: an unpaired surrogate or an odd byte count
//     is an error naming the byte offset);
//  3. valid UTF-8 -> "UTF-8";
//  4. invalid UTF-8 that is nevertheless clearly UTF-8 -- the bytes before the
//     first bad byte hold at least 8 valid multi-byte sequences, or the only
//     problem is a sequence cut off by the end of the file after at least 2
//     valid multi-byte sequences -- is an error naming the offset.  UTF-8
//     Chinese text often decodes "cleanly" as GB18030 mojibake, so we do not
//     fall back to GB18030 in that case;
//  5. binary data (checked on the raw bytes): a NUL byte, or "many" other C0
//     control bytes (more than 32, or more than 1% of the bytes; tab, LF, CR,
//     FF, VT and ESC do not count) -> "binary file (...)";
//  6. strict GB18030 and strict Big5 decoding (ICU converters with the stop
//     callback); if only one succeeds it is used; if both do, the one whose
//     text has more common Chinese characters (simplified or traditional),
//     penalising private-use characters, wins; a tie is settled by ICU's
//     charset detector, and finally in favour of GB18030;
//  7. otherwise: "not valid UTF-8 (first bad byte at offset N) nor GB18030
//     (bad byte at offset M)".
// The binary rule (5) is applied to the decoded text of rules 2 and 3 as well.
#include "read/decode.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/utf8.hpp"

namespace nianbao {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// The most frequent characters of Chinese government reports (from the seed
// reports plus a general frequency list) and their traditional forms.
constexpr std::string_view kCommonHan =
    "政公开信息府的作工年数行理件和一务情请申度办况人关动其要结二主制条进项据三发全及"
    "处本不计规报机中市实化事复等法他新第上提策量是内众科求定加保了在解收重有强总议方"
    "领以建时果布文部导对设效诉区网容查确体业性民告于面范会点局类审形费持访县分目门式"
    "群为通国四推张平例读相正站大我十成共力依属下组密问专合题委责高期步未展程各服日店"
    "道任转能落应准需升海明过管取次织案同社核台讼用认单位指构改予具到按与无镇回督质标"
    "六统监五月完维纠现员职集传考续家街答立决培训精个切围权接系所存栏将知室施视向域态"
    "或表做自华安技万意出好真序障止善律后根流利健并编经环涉列配生深增号户益尚创更当常"
    "清照坚习心由起严措格基企已整录抓可八地联断供商别前负贯彻至参限便协电稳元版层频得"
    "入积极受绕调章检多宣媒厅代阅微闻图之补直注线累级采运划际纳广把原近见然仍举反再水"
    "渠署询执学七因继特功握秘获逾简焦长播被阳聚苑如述均子小南书热促免针们许待来金只危"
    "这就也说产种而着里物都两使从去它还些外天那义间样你看又么比但气命此变没军很者最想"
    "党料象革品活老头资边路少山较她手角论农几九放西干必战先则開數務請辦況關動結條進項"
    "據發處計規報機實復內眾強總議領時導對設訴區網確體業於範會點類審費訪縣門為國張讀屬"
    "組問專題責轉應過織訟認單構與無鎮質標統監維糾現員職傳續決訓個圍權欄將視態華萬後並"
    "編經環號戶創當堅習嚴錄聯斷別負貫徹參協電穩層頻積極繞調檢廳閱聞圖補線級採運際納廣"
    "見舉詢執學繼獲簡長陽書熱針們許來這說產種著兩從還義間樣麼氣變沒軍黨頭資邊較論農幾"
    "乾戰則";

const std::unordered_set<char32_t>& common_han() {
    static const std::unordered_set<char32_t> set = [] {
        std::unordered_set<char32_t> s;
        for (std::size_t i = 0; i < kCommonHan.size();) s.insert(utf8::next(kCommonHan, i));
        return s;
    }();
    return set;
}

ReadResult fail(std::string path, std::string reason) {
    ReadResult r;
    r.error = InputError{std::move(path), std::move(reason)};
    return r;
}

ReadResult succeed(std::string path, std::string text, std::string encoding, std::uint32_t bom_size,
                   std::vector<std::uint32_t> offsets) {
    ReadResult r;
    r.source.emplace(std::move(path), std::move(text), std::move(encoding), bom_size, std::move(offsets));
    return r;
}

std::string hex_byte(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", v & 0xFFu);
    return buf;
}

// Control characters that make a text "binary".  `cp` is a code point (or a
// byte of a legacy encoding, where bytes < 0x20 are always single characters).
bool is_bad_control(char32_t cp) {
    return cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f' && cp != '\v' && cp != 0x1B;
}

// Rule 5.  `at(k)` gives the k-th character and its original byte offset.
class BinaryCheck {
public:
    void add(char32_t cp, std::size_t offset) {
        ++chars_;
        if (cp == 0) {
            if (nul_ == npos) nul_ = offset;
        } else if (is_bad_control(cp)) {
            if (controls_ == 0) {
                first_control_ = offset;
                control_value_ = static_cast<unsigned>(cp);
            }
            ++controls_;
        }
    }
    // Empty when the text is not binary.
    [[nodiscard]] std::string reason() const {
        if (nul_ != npos) return "binary file (NUL byte at offset " + std::to_string(nul_) + ")";
        if (controls_ > 32 || controls_ * 100 > chars_)
            return "binary file (" + std::to_string(controls_) + " control characters, first " +
                   hex_byte(control_value_) + " at offset " + std::to_string(first_control_) + ")";
        return {};
    }

private:
    std::size_t chars_ = 0;
    std::size_t nul_ = npos;
    std::size_t controls_ = 0;
    std::size_t first_control_ = 0;
    unsigned control_value_ = 0;
};

std::string binary_reason_utf8(std::string_view text, std::size_t base) {
    BinaryCheck check;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if ((b & 0xC0u) != 0x80u) check.add(b < 0x80 ? b : 0x80, base + i);
    }
    return check.reason();
}

std::string binary_reason_bytes(std::string_view bytes) {
    BinaryCheck check;
    for (std::size_t i = 0; i < bytes.size(); ++i) check.add(static_cast<unsigned char>(bytes[i]), i);
    return check.reason();
}

struct Decoded {
    bool ok = false;
    std::size_t bad = 0;  // offset of the first undecodable byte when !ok
    std::string reason;   // set by the UTF-16 decoder when !ok
    std::string text;
    std::vector<std::uint32_t> offsets;  // original offset per code point + final size
};

Decoded decode_utf16(std::string_view bytes, bool little_endian, const char* name) {
    Decoded d;
    const std::size_t n = bytes.size();
    auto unit = [&](std::size_t i) -> char16_t {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        return static_cast<char16_t>(little_endian ? (a | (b << 8)) : ((a << 8) | b));
    };
    BinaryCheck check;
    d.text.reserve(n + n / 2);
    d.offsets.reserve(n / 2 + 1);
    std::size_t i = 2;  // after the BOM
    for (; i + 1 < n;) {
        const char16_t u = unit(i);
        char32_t cp = u;
        std::size_t len = 2;
        if (U16_IS_LEAD(u)) {
            if (i + 3 < n && U16_IS_TRAIL(unit(i + 2))) {
                cp = static_cast<char32_t>(U16_GET_SUPPLEMENTARY(u, unit(i + 2)));
                len = 4;
            } else {
                d.bad = i;
                d.reason = std::string("invalid ") + name + " (unpaired surrogate at offset " + std::to_string(i) + ")";
                return d;
            }
        } else if (U16_IS_TRAIL(u)) {
            d.bad = i;
            d.reason = std::string("invalid ") + name + " (unpaired surrogate at offset " + std::to_string(i) + ")";
            return d;
        }
        d.offsets.push_back(static_cast<std::uint32_t>(i));
        utf8::append(d.text, cp);
        check.add(cp, i);
        i += len;
    }
    if (i < n) {
        d.bad = i;
        d.reason = std::string("invalid ") + name + " (odd number of bytes, truncated at offset " + std::to_string(i) + ")";
        return d;
    }
    if (auto r = check.reason(); !r.empty()) {
        d.bad = 0;
        d.reason = std::move(r);
        return d;
    }
    d.offsets.push_back(static_cast<std::uint32_t>(n));
    d.ok = true;
    return d;
}

// Strict decoding with an ICU converter; stops at the first bad byte.
Decoded decode_icu(const char* converter, std::string_view bytes) {
    Decoded d;
    UErrorCode status = U_ZERO_ERROR;
    UConverter* cnv = ucnv_open(converter, &status);
    if (U_FAILURE(status) || cnv == nullptr)
        throw std::runtime_error(std::string("ICU converter ") + converter + " unavailable: " + u_errorName(status));
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    if (U_FAILURE(status)) {
        ucnv_close(cnv);
        throw std::runtime_error(std::string("ICU converter setup failed: ") + u_errorName(status));
    }
    std::vector<UChar> out(bytes.size() * 2 + 16);
    std::vector<int32_t> offs(out.size());
    UChar* target = out.data();
    const char* source = bytes.data();
    const char* const source_begin = bytes.data();
    ucnv_toUnicode(cnv, &target, out.data() + out.size(), &source, bytes.data() + bytes.size(), offs.data(), true,
                   &status);
    if (U_FAILURE(status)) {
        char invalid[32];
        int8_t invalid_len = static_cast<int8_t>(sizeof invalid);
        UErrorCode e2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cnv, invalid, &invalid_len, &e2);
        const auto consumed = static_cast<std::size_t>(source - source_begin);
        const std::size_t back = U_SUCCESS(e2) ? static_cast<std::size_t>(invalid_len) : 0;
        d.bad = consumed >= back ? consumed - back : 0;
        ucnv_close(cnv);
        return d;
    }
    ucnv_close(cnv);
    const auto units = static_cast<std::size_t>(target - out.data());
    d.text.reserve(units * 3);
    d.offsets.reserve(units + 1);
    for (std::size_t k = 0; k < units;) {
        char32_t cp = out[k];
        const auto at = static_cast<std::uint32_t>(offs[k] >= 0 ? offs[k] : (d.offsets.empty() ? 0 : d.offsets.back()));
        std::size_t len = 1;
        if (U16_IS_LEAD(out[k]) && k + 1 < units && U16_IS_TRAIL(out[k + 1])) {
            cp = static_cast<char32_t>(U16_GET_SUPPLEMENTARY(out[k], out[k + 1]));
            len = 2;
        }
        d.offsets.push_back(at);
        utf8::append(d.text, cp);
        k += len;
    }
    d.offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
    // Stricter than the converter tables (windows-950 maps the single bytes
    // 0x80 and 0xFF): a byte >= 0x80 on its own is never a character.
    for (std::size_t k = 0; k + 1 < d.offsets.size(); ++k) {
        const std::uint32_t at = d.offsets[k];
        if (d.offsets[k + 1] == at + 1 && static_cast<unsigned char>(bytes[at]) >= 0x80) {
            d.bad = at;
            d.text.clear();
            d.offsets.clear();
            return d;
        }
    }
    d.ok = true;
    return d;
}

// How much a decoded text looks like real Chinese: common characters count,
// private-use characters (typical of a wrong legacy decoding) count against.
long plausibility(std::string_view text) {
    const auto& common = common_han();
    long score = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = utf8::next(text, i);
        if (cp < 0x80) continue;
        if (common.count(cp)) score += 1;
        else if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000)) score -= 2;
        else if (cp >= 0x80 && cp < 0xA0) score -= 2;  // C1 controls
    }
    return score;
}

// ICU charset detector confidences for GB18030 and Big5 (0 when not reported).
void detector_confidence(std::string_view bytes, int32_t& gb, int32_t& big5) {
    gb = big5 = 0;
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector* det = ucsdet_open(&status);
    if (U_FAILURE(status) || det == nullptr) return;
    const auto len = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1u << 20));
    ucsdet_setText(det, bytes.data(), len, &status);
    int32_t found = 0;
    const UCharsetMatch** matches = U_SUCCESS(status) ? ucsdet_detectAll(det, &found, &status) : nullptr;
    if (U_SUCCESS(status) && matches != nullptr) {
        for (int32_t k = 0; k < found; ++k) {
            UErrorCode s2 = U_ZERO_ERROR;
            const char* name = ucsdet_getName(matches[k], &s2);
            const int32_t conf = ucsdet_getConfidence(matches[k], &s2);
            if (U_FAILURE(s2) || name == nullptr) continue;
            const std::string_view nm(name);
            if (nm == "GB18030") gb = std::max(gb, conf);
            else if (nm == "Big5") big5 = std::max(big5, conf);
        }
    }
    ucsdet_close(det);
}

// Rule 4: does invalid UTF-8 still look like UTF-8?  Returns the reason, or empty.
std::string clearly_utf8_reason(std::string_view bytes, std::size_t bad) {
    std::size_t multibyte = 0;
    for (std::size_t i = 0; i < bad;) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        const std::size_t before = i;
        utf8::next(bytes, i);
        if (b >= 0x80 && i - before > 1) ++multibyte;
    }
    // A sequence cut off by the end of the file?
    const auto lead = static_cast<unsigned char>(bytes[bad]);
    std::size_t need = 0;
    if (lead >= 0xC2 && lead <= 0xDF) need = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) need = 3;
    else if (lead >= 0xF0 && lead <= 0xF4) need = 4;
    bool truncated = need > 0 && bad + need > bytes.size();
    for (std::size_t k = bad + 1; truncated && k < bytes.size(); ++k)
        if ((static_cast<unsigned char>(bytes[k]) & 0xC0u) != 0x80u) truncated = false;
    if (truncated && multibyte >= 2)
        return "truncated UTF-8 sequence at end of file (offset " + std::to_string(bad) + ")";
    if (multibyte >= 8) return "not valid UTF-8 (first bad byte at offset " + std::to_string(bad) + ")";
    return {};
}

}  // namespace

ReadResult decode_text(std::string path, std::string_view bytes, const ReadLimits& limits) {
    const std::size_t limit =
        std::min<std::size_t>(limits.max_bytes, std::numeric_limits<std::uint32_t>::max() - 1);
    if (bytes.size() > limit)
        return fail(std::move(path), "file too large (" + std::to_string(bytes.size()) + " bytes, limit " +
                                         std::to_string(limits.max_bytes) + ")");
    if (bytes.empty()) return fail(std::move(path), "empty file");

    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };

    // 2. Byte order marks.
    if (bytes.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
        const std::string_view rest = bytes.substr(3);
        if (rest.empty()) return fail(std::move(path), "empty file (only a byte order mark)");
        if (const auto bad = utf8::first_invalid(rest); bad != npos)
            return fail(std::move(path),
                        "not valid UTF-8 after byte order mark (first bad byte at offset " + std::to_string(bad + 3) + ")");
        if (auto r = binary_reason_utf8(rest, 3); !r.empty()) return fail(std::move(path), std::move(r));
        return succeed(std::move(path), std::string(rest), "UTF-8 (BOM)", 3, {});
    }
    if (bytes.size() >= 2 && ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF))) {
        const bool le = byte(0) == 0xFF;
        const char* name = le ? "UTF-16LE" : "UTF-16BE";
        if (bytes.size() == 2) return fail(std::move(path), "empty file (only a byte order mark)");
        Decoded d = decode_utf16(bytes, le, name);
        if (!d.ok) return fail(std::move(path), std::move(d.reason));
        return succeed(std::move(path), std::move(d.text), name, 2, std::move(d.offsets));
    }

    // 3. UTF-8.
    const std::size_t bad_utf8 = utf8::first_invalid(bytes);
    if (bad_utf8 == npos) {
        if (auto r = binary_reason_utf8(bytes, 0); !r.empty()) return fail(std::move(path), std::move(r));
        return succeed(std::move(path), std::string(bytes), "UTF-8", 0, {});
    }

    // 4. Broken UTF-8.
    if (auto r = clearly_utf8_reason(bytes, bad_utf8); !r.empty()) return fail(std::move(path), std::move(r));

    // 5. Binary.
    if (auto r = binary_reason_bytes(bytes); !r.empty()) return fail(std::move(path), std::move(r));

    // 6. Legacy Chinese encodings.
    Decoded gb = decode_icu("GB18030", bytes);
    Decoded big5 = decode_icu("Big5", bytes);
    bool use_gb = gb.ok;
    if (gb.ok && big5.ok) {
        const long sg = plausibility(gb.text);
        const long sb = plausibility(big5.text);
        if (sg != sb) {
            use_gb = sg > sb;
        } else {
            int32_t cg = 0;
            int32_t cb = 0;
            detector_confidence(bytes, cg, cb);
            use_gb = cg >= cb;
        }
    }
    if (gb.ok && use_gb) return succeed(std::move(path), std::move(gb.text), "GB18030", 0, std::move(gb.offsets));
    if (big5.ok) return succeed(std::move(path), std::move(big5.text), "Big5", 0, std::move(big5.offsets));

    // 7.
    return fail(std::move(path), "not valid UTF-8 (first bad byte at offset " + std::to_string(bad_utf8) +
                                     ") nor GB18030 (bad byte at offset " + std::to_string(gb.bad) + ")");
}

std::string_view file_type_name(std::filesystem::file_type t) {
    using std::filesystem::file_type;
    switch (t) {
        case file_type::regular: return "regular file";
        case file_type::directory: return "directory";
        case file_type::symlink: return "symbolic link";
        case file_type::block: return "block device";
        case file_type::character: return "character device";
        case file_type::fifo: return "fifo";
        case file_type::socket: return "socket";
        case file_type::none:
        case file_type::not_found: return "not found";
        case file_type::unknown: break;
        default: break;
    }
    return "unknown file type";
}

std::optional<std::string> special_file_reason(const std::filesystem::path& path) {
    std::error_code ec;
    const auto st = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(st) || std::filesystem::is_regular_file(st) ||
        std::filesystem::is_directory(st))
        return std::nullopt;
    return "not a regular file (" + std::string(file_type_name(st.type())) + ")";
}

namespace {

std::filesystem::file_type type_of_mode(mode_t m) {
    using std::filesystem::file_type;
    if (S_ISREG(m)) return file_type::regular;
    if (S_ISDIR(m)) return file_type::directory;
    if (S_ISFIFO(m)) return file_type::fifo;
    if (S_ISSOCK(m)) return file_type::socket;
    if (S_ISCHR(m)) return file_type::character;
    if (S_ISBLK(m)) return file_type::block;
    return file_type::unknown;
}

std::string errno_text(int err, const char* fallback) { return err ? std::strerror(err) : fallback; }

}  // namespace

std::optional<std::string> read_file_bytes(const std::filesystem::path& path, const ReadLimits& limits,
                                           InputError& error) {
    auto fail = [&](std::string n, std::string reason) -> std::optional<std::string> {
        error = InputError{std::move(n), std::move(reason)};
        return std::nullopt;
    };
    std::string name = path.string();
    // A FIFO or a device would block the open or the read, maybe forever: refused
    // before opening, and again on the descriptor (opened non-blocking) in case
    // the path was replaced in between.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status)) return fail(std::move(name), "is a directory");
    if (auto why = special_file_reason(path)) return fail(std::move(name), std::move(*why));

    errno = 0;
    const int fd = ::open(name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return fail(std::move(name), "cannot open file: " + errno_text(errno, "unknown error"));
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) return fail(std::move(name), "cannot read file: " + errno_text(errno, "I/O error"));
    const auto type = type_of_mode(st.st_mode);
    if (type == std::filesystem::file_type::directory) return fail(std::move(name), "is a directory");
    if (type != std::filesystem::file_type::regular)
        return fail(std::move(name), "not a regular file (" + std::string(file_type_name(type)) + ")");
    const auto size = static_cast<std::uintmax_t>(st.st_size);
    if (size > limits.max_bytes)
        return fail(std::move(name), "file too large (" + std::to_string(size) + " bytes, limit " +
                                         std::to_string(limits.max_bytes) + ")");
    std::string bytes;
    char buf[1 << 16];
    for (;;) {
        const ssize_t got = ::read(fd, buf, sizeof buf);
        if (got < 0) {
            if (errno == EINTR) continue;
            return fail(std::move(name), "cannot read file: " + errno_text(errno, "I/O error"));
        }
        if (got == 0) break;
        bytes.append(buf, static_cast<std::size_t>(got));
        if (bytes.size() > limits.max_bytes)  // the file grew after fstat
            return fail(std::move(name), "file too large (more than " + std::to_string(limits.max_bytes) +
                                             " bytes, limit " + std::to_string(limits.max_bytes) + ")");
    }
    return bytes;
}

ReadResult read_text_file(const std::filesystem::path& path, const ReadLimits& limits) {
    return read_file_with(path, limits, [&](std::string_view bytes) { return decode_text(path.string(), bytes, limits); });
}

std::optional<std::string> decode_gb18030(std::string_view bytes, std::size_t& bad) {
    Decoded d = decode_icu("GB18030", bytes);
    if (!d.ok) {
        bad = d.bad;
        return std::nullopt;
    }
    return std::move(d.text);
}

}  // namespace nianbao
