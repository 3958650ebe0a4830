// The label stream and the column streams: see stream.hpp.
#include "bind/stream.hpp"

#include <map>
#include <utility>

namespace nianbao::bind {

Stream build_stream(const std::vector<Tok>& toks) {
    Stream s;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (toks[i].kind != TokKind::label) continue;
        s.start.push_back(s.text.size());
        s.tok.push_back(static_cast<int>(i));
        s.text += toks[i].key;
    }
    return s;
}

// Column streams of space-aligned text (pdftotext -layout): the label tokens
// that start at the same column, in reading order -- a cell wrapped over
// several lines, read down its column, past the labels of other columns
// printed between its lines ("2、申请人逾期未按收费通知要 / 他处理 / 求缴纳费用…",
// where "他处理" belongs to the vertical "（六）其他处理" on the left).  Tokens
// more than 3 lines apart are not joined.
std::vector<Stream> column_streams(const std::vector<Tok>& toks) {
    std::map<int, std::vector<int>> cols;
    for (std::size_t i = 0; i < toks.size(); ++i)
        if (toks[i].kind == TokKind::label && toks[i].column >= 0) cols[toks[i].column].push_back(static_cast<int>(i));
    std::vector<Stream> out;
    for (auto& [col, idx] : cols) {
        Stream s;
        std::uint32_t prev_line = 0;
        for (int i : idx) {
            if (prev_line && toks[i].line > prev_line + 3) {
                if (s.tok.size() >= 2) out.push_back(std::move(s));
                s = Stream{};
            }
            prev_line = toks[i].line;
            s.start.push_back(s.text.size());
            s.tok.push_back(i);
            s.text += toks[i].key;
        }
        if (s.tok.size() >= 2) out.push_back(std::move(s));
    }
    return out;
}

}  // namespace nianbao::bind
