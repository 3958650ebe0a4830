// png_colour FILE.png RRGGBB [TOLERANCE]
//
// Counts the pixels of a screenshot whose colour is within TOLERANCE (default 3,
// per channel) of #RRGGBB and prints "<count> <width>x<height>".  The browser
// tests (tests/golden/formats.sh) use it to check that what the HTML report
// marks is really painted: a failing table cell's background must show up in
// Chromium's screenshot, not only in the DOM.
//
// Reads the PNGs headless Chromium writes: 8-bit RGB or RGBA, not interlaced.
// Anything else is a one-line error and exit status 2.
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

[[noreturn]] void fail(const std::string& why) {
    std::fprintf(stderr, "png_colour: %s\n", why.c_str());
    std::exit(2);
}

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

int paeth(int a, int b, int c) {
    int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    if (pa <= pb && pa <= pc) return a;
    return pb <= pc ? b : c;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) fail("usage: png_colour FILE.png RRGGBB [TOLERANCE]");
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) fail(std::string(argv[1]) + ": cannot open");
    std::vector<unsigned char> png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    static const unsigned char kSig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (png.size() < 8 || !std::equal(kSig, kSig + 8, png.begin())) fail(std::string(argv[1]) + ": not a PNG file");
    std::string hex = argv[2];
    if (hex.size() == 7 && hex[0] == '#') hex.erase(0, 1);
    if (hex.size() != 6 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        fail("colour must be RRGGBB (hexadecimal), not " + std::string(argv[2]));
    unsigned long rgb = std::strtoul(hex.c_str(), nullptr, 16);
    const std::array<int, 3> want = {int((rgb >> 16) & 0xff), int((rgb >> 8) & 0xff), int(rgb & 0xff)};
    int tol = 3;
    if (argc > 3) {
        const std::string t = argv[3];
        if (t.empty() || t.size() > 3 || t.find_first_not_of("0123456789") != std::string::npos || std::stoi(t) > 255)
            fail("tolerance must be a number from 0 to 255, not " + t);
        tol = std::stoi(t);
    }

    std::uint32_t width = 0, height = 0;
    int channels = 0;
    std::vector<unsigned char> idat;
    for (std::size_t at = 8; at + 12 <= png.size();) {
        std::uint32_t len = be32(&png[at]);
        if (len > png.size() - at - 12) fail(std::string(argv[1]) + ": truncated chunk");
        std::string type(reinterpret_cast<const char*>(&png[at + 4]), 4);
        const unsigned char* data = &png[at + 8];
        if (type == "IHDR") {
            if (len < 13) fail("bad IHDR");
            width = be32(data);
            height = be32(data + 4);
            int depth = data[8], colour = data[9], interlace = data[12];
            if (depth != 8 || interlace != 0 || (colour != 2 && colour != 6))
                fail(std::string(argv[1]) + ": only 8-bit RGB/RGBA, non-interlaced PNGs are read");
            channels = colour == 6 ? 4 : 3;
            // screenshots are a few million pixels; refuse sizes that would only exhaust memory
            if (width == 0 || height == 0 || width > 20000 || height > 40000 ||
                std::uint64_t{width} * height > 64'000'000)
                fail(std::string(argv[1]) + ": image size out of range");
        } else if (type == "IDAT") {
            idat.insert(idat.end(), data, data + len);
        } else if (type == "IEND") {
            break;
        }
        at += 12 + len;
    }
    if (!channels) fail(std::string(argv[1]) + (png.size() < 8 + 12 + 13 ? ": truncated" : ": no IHDR chunk"));
    const std::size_t stride = std::size_t{width} * static_cast<std::size_t>(channels);
    // deflate expands at most about 1032:1: more image than that cannot be in the data given
    if ((stride + 1) * height > (idat.size() + 64) * 1032)
        fail(std::string(argv[1]) + ": image data too short for its size");
    std::vector<unsigned char> raw((stride + 1) * height);
    uLongf raw_len = static_cast<uLongf>(raw.size());
    if (uncompress(raw.data(), &raw_len, idat.data(), static_cast<uLong>(idat.size())) != Z_OK || raw_len != raw.size())
        fail(std::string(argv[1]) + ": image data does not inflate to its size");

    std::vector<unsigned char> prev(stride, 0), cur(stride);
    std::size_t count = 0;
    for (std::uint32_t y = 0; y < height; ++y) {
        const unsigned char* line = &raw[y * (stride + 1)];
        int filter = line[0];
        for (std::size_t i = 0; i < stride; ++i) {
            int a = i >= static_cast<std::size_t>(channels) ? cur[i - static_cast<std::size_t>(channels)] : 0;
            int b = prev[i];
            int c = i >= static_cast<std::size_t>(channels) ? prev[i - static_cast<std::size_t>(channels)] : 0;
            int x = line[1 + i], v = 0;
            switch (filter) {
                case 0: v = x; break;
                case 1: v = x + a; break;
                case 2: v = x + b; break;
                case 3: v = x + (a + b) / 2; break;
                case 4: v = x + paeth(a, b, c); break;
                default: fail(std::string(argv[1]) + ": bad filter type");
            }
            cur[i] = static_cast<unsigned char>(v & 0xff);
        }
        for (std::size_t px = 0; px < width; ++px) {
            const unsigned char* p = &cur[px * static_cast<std::size_t>(channels)];
            if (std::abs(p[0] - want[0]) <= tol && std::abs(p[1] - want[1]) <= tol && std::abs(p[2] - want[2]) <= tol)
                ++count;
        }
        prev.swap(cur);
    }
    std::printf("%zu %ux%u\n", count, width, height);
    return 0;
}
