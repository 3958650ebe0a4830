// CharNormalizer: NFKC + traditional -> simplified, per code point (see textnorm.hpp).
#include "core/textnorm.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/utf8.hpp"

namespace nianbao {

struct CharNormalizer::Impl {
    const icu::Normalizer2* nfkc = nullptr;
    std::unique_ptr<icu::Transliterator> t2s;
    std::array<std::string, 128> ascii;
};

CharNormalizer::CharNormalizer() : impl_(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    impl_->nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || impl_->nfkc == nullptr)
        throw std::runtime_error(std::string("ICU NFKC normaliser unavailable: ") + u_errorName(status));
    for (const char* id : {"Traditional-Simplified", "Hant-Hans"}) {
        status = U_ZERO_ERROR;
        impl_->t2s.reset(icu::Transliterator::createInstance(icu::UnicodeString(id, -1, US_INV), UTRANS_FORWARD,
                                                             status));
        if (U_SUCCESS(status) && impl_->t2s) break;
        impl_->t2s.reset();
    }
    if (!impl_->t2s)
        throw std::runtime_error(std::string("ICU Traditional-Simplified transliterator unavailable: ") +
                                 u_errorName(status));
    for (std::size_t c = 0; c < impl_->ascii.size(); ++c) impl_->ascii[c] = std::string(1, static_cast<char>(c));
}

CharNormalizer::~CharNormalizer() = default;

const std::string& CharNormalizer::map(char32_t cp) {
    if (cp < 0x80) return impl_->ascii[cp];
    if (const auto it = cache_.find(cp); it != cache_.end()) return it->second;

    icu::UnicodeString u(static_cast<UChar32>(cp));
    if (cp <= 0x10FFFF && !impl_->nfkc->isInert(static_cast<UChar32>(cp))) {
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString n = impl_->nfkc->normalize(u, status);
        if (U_SUCCESS(status)) u = n;
    }
    // Traditional -> simplified, only for Han characters (〇 stays as it is).
    bool has_han = false;
    for (int32_t i = 0; i < u.length();) {
        const UChar32 c = u.char32At(i);
        if (c != 0x3007 && utf8::is_han(static_cast<char32_t>(c))) has_han = true;
        i += U16_LENGTH(c);
    }
    if (has_han) impl_->t2s->transliterate(u);

    std::string out;
    u.toUTF8String(out);
    return cache_.emplace(cp, std::move(out)).first->second;
}

std::string CharNormalizer::normalize(std::string_view text) {
    // Pass 1: normalised pieces, whitespace runs marked by an empty piece.
    struct Piece {
        const std::string* s;  // nullptr = whitespace
    };
    std::vector<Piece> pieces;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = utf8::next(text, i);
        if (utf8::is_ignorable(cp)) continue;
        const std::string& m = map(cp);
        bool all_space = true;
        for (std::size_t k = 0; k < m.size();)
            if (!utf8::is_space(utf8::next(m, k))) all_space = false;
        if (utf8::is_space(cp) || all_space) {
            if (m.empty() && !utf8::is_space(cp)) continue;  // maps to nothing
            if (pieces.empty() || pieces.back().s != nullptr) pieces.push_back(Piece{nullptr});
        } else {
            pieces.push_back(Piece{&m});
        }
    }
    // Pass 2: drop runs at the ends or next to a CJK character, collapse the rest.
    auto last_cp = [](const std::string& s) {
        std::size_t i = s.size();
        while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0u) == 0x80u) --i;
        if (i > 0) --i;
        return utf8::next(s, i);
    };
    auto first_cp = [](const std::string& s) {
        std::size_t i = 0;
        return utf8::next(s, i);
    };
    std::string out;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        if (pieces[k].s != nullptr) {
            out += *pieces[k].s;
            continue;
        }
        if (k == 0 || k + 1 == pieces.size()) continue;
        if (utf8::is_cjk(last_cp(*pieces[k - 1].s)) || utf8::is_cjk(first_cp(*pieces[k + 1].s))) continue;
        out.push_back(' ');
    }
    return out;
}

}  // namespace nianbao
