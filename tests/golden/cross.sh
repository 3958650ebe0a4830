#!/usr/bin/env bash
# Checks across reports (issue 11), through the CLI: the previous year in the
# batch or in --history (T3-05 at the cell, the other year's cell named as a
# second place in text, JSON and SARIF), not assessable without it, one report
# as several files said once, renamed agencies ([aliases]) and a parent's
# totals against its children's reports ([hierarchy], AGG-01).
set -uo pipefail
bin="$1"; root="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
pass() { echo "PASS $*"; }
has() { grep -qF -- "$2" <<<"$1"; }
cd "$root"
C24=rules/tests/cross-hongze-2024-carry-changed.txt
H23=reports-samples/007_hongze-district-2023.pdf

# ---- --history: the 2023 report is looked into, not checked
out="$("$bin" check --history "$H23" "$C24" 2>&1)"
has "$out" "$C24:96:82: warning: 表三“总计”列：上年结转2件，而淮安市洪泽区人民政府2023年报告的“四、结转下年度继续办理”为0件 [T3-05]" \
  && has "$out" "  $H23:p4:11:50: note: 洪泽区人民政府2023年报告：“四、结转下年度继续办理”“总计”为0" \
  && ! has "$out" "# $H23" && has "$out" "checked 1 report" \
  && pass "--history: T3-05 at the changed cell, the 2023 cell (page 4) as a note; the history file not checked" \
  || fail "--history: ${out:0:600}"
json="$("$bin" check --format json --history "$H23" "$C24" 2>/dev/null)"
python3 - "$json" <<'PY' && pass "JSON: the finding's related place has the 2023 file, its text line and its PDF page" || fail "JSON related: $(head -c 300 <<<"$json")"
import json, sys
d = json.loads(sys.argv[1])
fs = [f for r in d["reports"] for f in r["findings"] if f["rule"] == "T3-05" and f["status"] == "failed"]
assert len(fs) == 1, fs
rel = fs[0]["related"]
assert rel[0]["file"].endswith("007_hongze-district-2023.pdf") and rel[0]["origin"]["page"] == 4, rel
PY
sarif="$("$bin" check --format sarif --history "$H23" "$C24" 2>/dev/null)"
python3 - "$sarif" <<'PY' && pass "SARIF: relatedLocations names the 2023 file" || fail "SARIF relatedLocations"
import json, sys
d = json.loads(sys.argv[1])
res = [r for r in d["runs"][0]["results"] if r["ruleId"] == "T3-05" and r.get("kind", "fail") == "fail"]
uris = [l["physicalLocation"]["artifactLocation"]["uri"] for r in res for l in r.get("relatedLocations", [])]
assert any(u.endswith("007_hongze-district-2023.pdf") for u in uris), uris
PY

# ---- without the 2023 report: not assessable, said once, never a pass
out="$("$bin" check "$C24" 2>&1)"
n="$(grep -c "\[T3-05\]" <<<"$out")"
has "$out" "表三上年结转与上年报告的结转下年度不符：无法评估（只检查了本报告，没有淮安市洪泽区人民政府2023年的报告） [T3-05]" && [ "$n" -eq 1 ] \
  && pass "no 2023 report: T3-05 not assessable, once" || fail "no 2023 report ($n T3-05 lines): ${out:0:400}"
out="$("$bin" check --history reports-samples/011_shuyang-county-2025-ocr.txt "$C24" 2>&1)"
has "$out" "无法评估（批次中及历史目录（--history）中没有淮安市洪泽区人民政府2023年的报告） [T3-05]" \
  && pass "--history without that agency's 2023 report: the reason says where it looked" || fail "history without it: ${out:0:400}"
out="$("$bin" check --history "$tmp/none" "$C24" 2>&1)"; rc=$?
[ $rc -eq 2 ] && has "$out" "--history $tmp/none: no such file or directory" && pass "--history of a missing path: exit 2" \
  || fail "--history missing (rc $rc): $out"

# ---- one report as a web page, a Word file and a PDF: said once, compared once
out="$("$bin" check reports-samples/005_hongze-district-2023.html reports-samples/006_hongze-district-2023.docx "$H23" 2>&1)"
copies="$(grep -c "\[REPORT-COPY\]" <<<"$out")"
t305="$(grep -c "\[T3-05\]" <<<"$out")"
[ "$copies" -eq 2 ] && [ "$t305" -eq 1 ] && has "$out" "与reports-samples/005_hongze-district-2023.html是同一报告（洪泽区人民政府2023年）" \
  && pass "three files of one report: two REPORT-COPY notes, the cross-report rules on the first file only" \
  || fail "copies: $copies REPORT-COPY, $t305 T3-05: ${out:0:500}"

# ---- [aliases]: a renamed agency's reports are one agency's
mkdir -p "$tmp/renamed"
sed '1s/淮安市洪泽区人民政府/洪泽县人民政府/' "$C24" > "$tmp/renamed/old-name-2024.txt"
head -3 "$tmp/renamed/old-name-2024.txt" | grep -q 洪泽县人民政府 || fail "could not rename the agency in the sample"
cp "$H23" "$tmp/renamed/"
out="$("$bin" check "$tmp/renamed" 2>&1)"
has "$out" "没有洪泽县人民政府2023年的报告） [T3-05]" && pass "renamed agency without [aliases]: not assessable" \
  || fail "renamed, no alias: ${out:0:400}"
printf '[aliases]\n"洪泽区人民政府" = ["洪泽县人民政府"]\n' > "$tmp/renamed/nianbao.toml"
out="$("$bin" check "$tmp/renamed" 2>&1)"
has "$out" "上年结转2件，而洪泽县人民政府2023年报告的“四、结转下年度继续办理”为0件 [T3-05]" \
  && pass "[aliases]: the old name's report is the previous year's" || fail "aliases: ${out:0:600}"

# ---- [hierarchy]: a parent's table 三 against the sum of its children's
mkdir -p "$tmp/tree"
P=rules/tests/cross-lianshui-2023-copied-from-hongze.txt   # 表三 as 洪泽区's
cp "$P" "$tmp/tree/parent.txt"; cp "$H23" "$tmp/tree/child.pdf"
printf '[hierarchy]\n"涟水县人民政府" = ["洪泽区人民政府"]\n' > "$tmp/tree/nianbao.toml"
out="$("$bin" check "$tmp/tree" 2>&1)"
! has "$out" "[AGG-01]" && pass "[hierarchy]: totals equal to the child's: no AGG-01" || fail "hierarchy equal: $(grep AGG <<<"$out" | head -3)"
line="$(grep -n "^一、本年新收政府信息公开申请数量" "$P" | cut -d: -f1)"
python3 - "$P" "$tmp/tree/parent.txt" <<'PY'
import sys, re
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = next(k for k, l in enumerate(lines) if l.startswith("一、本年新收政府信息公开申请数量"))
m = list(re.finditer(r"\d+", lines[i]))[-1]          # the 总计 column: 21 -> 22
lines[i] = lines[i][:m.start()] + str(int(m.group()) + 1) + lines[i][m.end():]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
PY
out="$("$bin" check "$tmp/tree" 2>&1)"
has "$out" "parent.txt:$line:" && has "$out" "表三“一、本年新收政府信息公开申请数量”“总计”为22，下级机关报告之和为21（洪泽区人民政府：21） [AGG-01]" \
  && pass "[hierarchy]: one changed total is AGG-01 at that cell, naming the child's value" \
  || fail "hierarchy changed: $(grep -n "AGG-01" <<<"$out" | head -3)"
printf '[hierarchy]\n"涟水县人民政府" = ["洪泽区人民政府", "高良涧街道办事处"]\n' > "$tmp/tree/nianbao.toml"
out="$("$bin" check "$tmp/tree" 2>&1)"
n="$(grep -c "\[AGG-01\]" <<<"$out")"
has "$out" "无法评估（没有下级机关高良涧街道办事处的2023年报告） [AGG-01]" && [ "$n" -eq 1 ] \
  && pass "[hierarchy] with a child's report absent: not assessable, once" || fail "absent child ($n): $(grep AGG <<<"$out" | head -3)"

exit $status
