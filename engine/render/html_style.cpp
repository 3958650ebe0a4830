// The HTML report's inline stylesheet and script (docs/output-formats.md, "HTML").
#include "render/html_parts.hpp"

namespace nianbao::html {

namespace {

constexpr const char* kStyle = R"CSS(
:root{--error:#c62828;--warning:#d97706;--info:#1d6fb8;--note:#6b7280;--bg:#fafaf7;--line:#e5e5e0;--ink:#1f2328}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
header.top{background:#22303c;color:#fff;padding:14px 28px}
header.top h1{margin:0;font-size:21px;font-weight:600}
header.top p{margin:2px 0 0;color:#c9d3dc;font-size:13px}
main{max-width:1180px;margin:0 auto;padding:8px 28px 40px}
h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:20px 0 6px;color:#444}
a{color:#1d5fa0;text-decoration:none}a:hover{text-decoration:underline}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.card{background:#fff;border:1px solid var(--line);border-left:5px solid #9aa5b1;border-radius:6px;padding:8px 14px;min-width:130px}
.card b{display:block;font-size:24px;line-height:1.2}
.card.sev-error{border-left-color:var(--error)}.card.sev-warning{border-left-color:var(--warning)}
.card.sev-info{border-left-color:var(--info)}.card.sev-note{border-left-color:var(--note)}.card.unreadable{border-left-color:#7c3aed}
table.grid{border-collapse:collapse;background:#fff;border:1px solid var(--line);font-size:14px;margin:6px 0}
table.grid th,table.grid td{border:1px solid var(--line);padding:3px 9px;text-align:left;vertical-align:top}
table.grid th{background:#f0f0eb;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}td.zero{color:#b5b5b0}
td.sev-error{color:var(--error);font-weight:600}td.sev-warning{color:var(--warning);font-weight:600}
td.sev-info{color:var(--info);font-weight:600}td.sev-note{color:var(--note);font-weight:600}
.chart{background:#fff;border:1px solid var(--line);border-radius:6px;padding:6px;margin:6px 0}
.legend span{display:inline-block;margin-right:14px;font-size:13px}
.legend i{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px;border-radius:2px}
.controls{font-size:13px;margin:10px 0;color:#444}.controls label{margin-right:16px;cursor:pointer}
section.report{margin-top:34px}
.meta{color:#555;font-size:13px;margin:0 0 8px}
.error-box{background:#fdecea;border:1px solid #f5c2c0;color:#8a1c1c;padding:8px 12px;border-radius:6px}
.skip-box{background:#f3f4f6;border:1px solid #d1d5db;color:#374151;padding:8px 12px;border-radius:6px}.tl{color:#6b7280;font-size:12px}
ol.findings{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px 8px 40px;margin:8px 0 12px;font-size:14px}
ol.findings li{margin:2px 0}
.badge{display:inline-block;font-size:12px;line-height:1.4;padding:0 6px;border-radius:9px;color:#fff;margin-right:6px;white-space:nowrap}
.badge.sev-error{background:var(--error)}.badge.sev-warning{background:var(--warning)}
.badge.sev-info{background:var(--info)}.badge.sev-note{background:var(--note)}
code.rule{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px;color:#444}
.src{background:#fff;border:1px solid var(--line);border-radius:6px;overflow:hidden;font-size:14px}
.line{display:grid;grid-template-columns:4.2em 1fr;border-left:4px solid transparent}
.line:nth-child(even){background:#fcfcfa}
.line .ln{color:#9a9a95;text-align:right;padding-right:10px;user-select:none;font-variant-numeric:tabular-nums;border-right:1px solid var(--line)}
.line .code{white-space:pre-wrap;word-break:break-all;padding-left:10px;tab-size:4;min-height:1.55em}
.line:target{background:#fff3bf}
.line.has-finding.sev-error{border-left-color:var(--error);background:#fdf1f0}
.line.has-finding.sev-warning{border-left-color:var(--warning);background:#fef7ea}
.line.has-finding.sev-info{border-left-color:var(--info);background:#eef5fc}
.line.has-finding.sev-note{border-left-color:var(--note);background:#f3f4f6}
mark{background:none;color:inherit;border-bottom:2px solid;padding:0 1px}
mark.sev-error{border-color:var(--error);background:#fbd5d2}mark.sev-warning{border-color:var(--warning);background:#fde7bf}
mark.sev-info{border-color:var(--info);background:#d6e7f8}mark.sev-note{border-color:var(--note);background:#e5e7eb}
.notes{grid-column:2;padding:2px 10px 6px}
.note{border-left:3px solid;padding:3px 10px;margin:3px 0;background:#fff;border-radius:0 5px 5px 0;font-size:13.5px;box-shadow:0 1px 1px rgba(0,0,0,.05)}
.note.sev-error{border-color:var(--error)}.note.sev-warning{border-color:var(--warning)}
.note.sev-info{border-color:var(--info)}.note.sev-note{border-color:var(--note)}
.note:target{outline:2px solid #f2c94c}
.note .basis{color:#666;font-size:12.5px}
body.compact .line:not(.ctx){display:none}
body.compact .line.gap{border-top:1px dashed #b8b8b0}
body.hide-info .sev-info.note,body.hide-info li.sev-info{display:none}
body.hide-note .sev-note.note,body.hide-note li.sev-note{display:none}
body.hide-info ol.table-findings li.sev-info,body.hide-note ol.table-findings li.sev-note{display:none}
details.rtable{background:#fff;border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:4px 12px 8px}
details.rtable>summary{cursor:pointer;font-weight:600;padding:4px 0;color:#333}
details.rtable>summary .tname{font-weight:400;color:#777;font-size:13px;margin-left:6px}
details.rtable>summary .count{font-weight:400;font-size:13px;margin-left:8px}
.table-scroll{overflow-x:auto}
table.report-table{border-collapse:collapse;font-size:13px;margin:6px 0}
table.report-table th,table.report-table td{border:1px solid #d8d8d2;padding:2px 7px;vertical-align:top}
table.report-table thead th{background:#f0f0eb;font-weight:600;text-align:center}
table.report-table th.rowlabel{background:#fafaf7;font-weight:400;text-align:left;max-width:26em}
table.report-table th.rowlabel a{color:inherit}
table.report-table tr.missing-row th.rowlabel{color:#9a3412}
table.report-table td{text-align:right;font-variant-numeric:tabular-nums;min-width:3.2em;white-space:nowrap}
table.report-table td a{color:inherit}
table.report-table td.state-blank{background:repeating-linear-gradient(135deg,#fff 0 4px,#efefea 4px 8px)}
table.report-table td.state-unbound{color:#a3a3a3;text-align:center}
table.report-table td.state-text,table.report-table td.state-dash{color:#7c2d12}
table.report-table td.na{background:#f3f3ef}
table.report-table td.operand.sev-error{box-shadow:inset 0 0 0 2px #eea39c}
table.report-table td.operand.sev-warning{box-shadow:inset 0 0 0 2px #f3c57a}
table.report-table td.operand.sev-info{box-shadow:inset 0 0 0 2px #9cc3ea}
table.report-table td.operand.sev-note{box-shadow:inset 0 0 0 2px #c4c7cd}
table.report-table td.fail{font-weight:700}
table.report-table .fail.sev-error{background:#fbd5d2;box-shadow:inset 0 0 0 2px var(--error);color:#8a1c1c}
table.report-table .fail.sev-warning{background:#fde7bf;box-shadow:inset 0 0 0 2px var(--warning)}
table.report-table .fail.sev-info{background:#d6e7f8;box-shadow:inset 0 0 0 2px var(--info)}
table.report-table .fail.sev-note{background:#e5e7eb;box-shadow:inset 0 0 0 2px var(--note)}
table.report-table sup{font-size:10px;margin-left:2px}
.table-state{color:#6b7280;font-size:13px;margin:4px 0}
.table-state.not-read{color:#8a1c1c;background:#fdecea;border:1px solid #f5c2c0;border-radius:5px;padding:4px 10px}
ol.table-findings{margin:4px 0 2px;padding-left:26px;font-size:13.5px}
ol.table-findings li{margin:3px 0}
ol.table-findings .identity{color:#444;font-size:12.5px;margin-top:1px}
ol.table-findings .basis{color:#666;font-size:12.5px}
.legend-cells{font-size:12px;color:#666;margin:2px 0 4px}
.legend-cells span{display:inline-block;padding:0 6px;margin:0 4px 0 12px;border:1px solid #d8d8d2}
.legend-cells span:first-child{margin-left:0}
footer{color:#888;font-size:12px;text-align:center;padding:20px}
@media print{.controls{display:none}.line{break-inside:avoid}}
)CSS";

constexpr const char* kScript = R"JS(
// ?view=compact opens the page with only the lines near findings shown
var compact = /[?&]view=compact(&|$)/.test(location.search);
document.querySelectorAll('input[data-toggle]').forEach(function (box) {
  if (compact && box.getAttribute('data-toggle') === 'compact') box.checked = true;
  var apply = function () { document.body.classList.toggle(box.getAttribute('data-toggle'), box.checked); };
  box.addEventListener('change', apply);
  apply();
});
)JS";

}  // namespace

const char* page_style() { return kStyle; }
const char* page_script() { return kScript; }

}  // namespace nianbao::html
