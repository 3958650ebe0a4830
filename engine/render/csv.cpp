// CSV output for spreadsheets (docs/output-formats.md, "CSV").
#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "render/render.hpp"

namespace nianbao {

std::string csv_cell(std::string_view s) {
    bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_text_cell(std::string_view s) {
    if (!s.empty() && (s.front() == '=' || s.front() == '+' || s.front() == '-' || s.front() == '@'))
        return csv_cell("'" + std::string(s));
    return csv_cell(s);
}

namespace {

void row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        out += cells[i];
    }
    out += "\r\n";
}

}  // namespace

namespace {
const char* severity_zh(Severity s) {
    switch (s) {
        case Severity::error: return "错误";
        case Severity::warning: return "警告";
        case Severity::info: return "提示";
        case Severity::note: return "无法评估";
    }
    return "";
}
}  // namespace

std::string render_csv(const std::vector<ReportResult>& results, bool zh) {
    std::string out = "\xEF\xBB\xBF";  // BOM: Excel and WPS then read the file as UTF-8
    if (zh)
        row(out, {"文件", "机关", "年度", "规则", "级别", "页", "位置", "文本行", "文本列", "消息", "数值", "依据"});
    else
        row(out, {"file", "agency", "year", "rule", "severity", "page", "place", "line", "column", "message", "values",
                  "source"});
    for (const auto& r : results) {
        if (r.error || r.skipped) {
            const bool err = r.error.has_value();
            std::string what = err ? (zh ? "无法读取" : "error") : (zh ? "未检查" : "skipped");
            std::string reason = err ? r.error->reason : "not checked: " + *r.skipped;
            row(out, {csv_text_cell(r.path), "", "", "", what, "", "", "", "", csv_text_cell(reason), "", ""});
            continue;
        }
        std::string agency = csv_text_cell(r.fact("agency")), year = csv_text_cell(r.fact("year"));
        for (const auto& f : r.findings) {
            std::string values;
            if (!f.values.empty()) {
                nlohmann::ordered_json v = nlohmann::ordered_json::object();
                for (const auto& [k, val] : f.values) v[k] = val;
                values = v.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
            }
            std::string page = f.origin && f.origin->page ? std::to_string(f.origin->page) : "";
            std::string place = zh ? finding_place_zh(r, f) : finding_place(r, f);
            row(out, {csv_text_cell(r.path), agency, year, csv_text_cell(f.rule),
                      zh ? severity_zh(f.severity) : std::string(to_string(f.severity)), page, csv_text_cell(place),
                      std::to_string(f.pos.line), std::to_string(f.pos.column), csv_text_cell(f.message),
                      csv_text_cell(values), csv_text_cell(f.source)});
        }
    }
    return out;
}

}  // namespace nianbao
