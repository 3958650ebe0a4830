#!/usr/bin/env bash
# The supervisor's workflow (docs/configuration.md), on copies of
# reports-samples files in a temporary directory: nianbao.toml (severity,
# disabled rules, a provincial deadline, agency facts, globs), configuration
# errors, suppressions (round trip, expired, unused, SARIF) and baselines
# (round trip, a moved finding, a new finding).
set -uo pipefail
bin="$1"; root="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
pass() { echo "PASS $*"; }
has() { grep -qF -- "$2" <<<"$1"; }

cd "$tmp"
mkdir -p plain conf/drafts
cp "$root/reports-samples/000_6a703f7dda0af042.txt" "$root/reports-samples/003_f29a9ed548c71819.txt" plain/
cp plain/*.txt conf/
cp plain/003_f29a9ed548c71819.txt conf/drafts/draft.txt
R0=000_6a703f7dda0af042.txt; R3=003_f29a9ed548c71819.txt

# ---- without configuration: the built-in behaviour
out="$("$bin" check plain 2>&1)"; rc=$?
has "$out" "[DOC-03]" && has "$out" ": info: 报告未说明数据的统计期限" && ! has "$out" "[PUB-03]" && [ $rc -eq 0 ] \
  && pass "no configuration: DOC-03 shown, META-03 info, no PUB-03" || fail "built-in behaviour (rc $rc): $out"

# ---- nianbao.toml next to the reports
cat > conf/nianbao.toml <<'EOF'
# 某省政务公开办的配置
disabled = ["DOC-03"]

[severity]
"META-03" = "warning"

[facts]
# 本省规定：2018年度及以前的报告于次年3月1日前公布
legacy_deadline = "date(year + 1, 3, 1)"

[agencies."张店区人民政府科苑街道办事处"]
kind = "department"

[files]
exclude = ["drafts/**"]
EOF
out="$("$bin" check conf 2>&1)"; rc=$?
! has "$out" "[DOC-03]" && pass "config: disabled rule DOC-03 is gone" || fail "DOC-03 still reported: $out"
has "$out" "conf/$R3:3:1: warning: 报告未说明数据的统计期限" && pass "config: META-03 is now a warning" \
  || fail "META-03 severity not changed: $out"
has "$out" "conf/$R3:63:1: error: 2017年度报告应于2018年3月1日前公布，落款日期为2018年3月28日 [PUB-03]" && [ $rc -eq 1 ] \
  && pass "config: the provincial deadline (legacy_deadline) gives PUB-03, exit 1" || fail "PUB-03 with the configured deadline (rc $rc): $out"
! has "$out" "draft.txt" && pass "config: [files] exclude skips drafts/**" || fail "drafts/ not excluded: $out"
json="$("$bin" check --format json "conf/$R3" 2>/dev/null)"
has "$json" '"kind": "department"' && has "$json" '"legacy_deadline": "2018年3月1日"' \
  && pass "config: agency fact kind = department; fact legacy_deadline overridden" || fail "facts in JSON: $json"
show="$("$bin" config show "conf/$R3")"
has "$show" "config: conf/nianbao.toml" && has "$show" "META-03 = warning (rule: info)" && has "$show" "DOC-03" \
  && has "$show" "legacy_deadline = date(year + 1, 3, 1) → 2018年3月1日" && has "$show" "← matches this report" \
  && pass "config show: file, overrides and the matching agency" || fail "config show: $show"
# SARIF: the rules' defaultConfiguration is the configuration's
sarif="$("$bin" check --format sarif conf 2>/dev/null)"
python3 - "$sarif" <<'EOF' && pass "config in SARIF: META-03 defaultConfiguration warning (declared info), DOC-03 enabled false" || fail "SARIF defaultConfiguration ignores the configuration"
import json, sys
rules = {r["id"]: r for r in json.loads(sys.argv[1])["runs"][0]["tool"]["driver"]["rules"]}
assert rules["META-03"]["defaultConfiguration"] == {"level": "warning"}, rules["META-03"]
assert rules["META-03"]["properties"]["declaredSeverity"] == "info"
assert rules["DOC-03"]["defaultConfiguration"]["enabled"] is False, rules["DOC-03"]
assert rules["NUM-01"]["defaultConfiguration"] == {"level": "warning"} and "declaredSeverity" not in rules["NUM-01"]["properties"]
EOF
# extract and summarize read the same configuration as check (here: its globs)
ext="$("$bin" extract conf 2>&1)"; rc=$?
has "$ext" "conf/$R0," && ! has "$ext" "draft.txt" && [ $rc -eq 0 ] \
  && pass "config: extract skips drafts/** too" || fail "extract ignores the configuration (rc $rc): $(grep -c draft <<<"$ext") draft lines"
# one report as two files (洪泽区 2023 as a web page and as a Word file): summarize counts it once
mkdir -p two
cp "$root/reports-samples/005_hongze-district-2023.html" "$root/reports-samples/006_hongze-district-2023.docx" two/
printf '[files]\nexclude = ["two/*.docx"]\n' > only-html.toml
ext1="$("$bin" extract --config only-html.toml two 2>&1)"
sum2="$("$bin" summarize two 2>&1)"; sum1="$("$bin" summarize --config only-html.toml two 2>&1)"
has "$ext1" "two/005_hongze-district-2023.html," && ! has "$ext1" ".docx" \
  && has "$sum2" "2023年度 复议诉讼表：1份报告" && has "$sum2" "two/006_hongze-district-2023.docx（同 two/005_hongze-district-2023.html）" \
  && has "$sum1" "2023年度 复议诉讼表：1份报告" && ! has "$sum1" "只计一次" \
  && pass "extract/summarize --config FILE apply that file (summarize: the Word copy counted once without it, not read with it)" \
  || fail "extract/summarize --config: $(head -2 <<<"$ext1") / $(head -1 <<<"$sum2") / $(head -1 <<<"$sum1")"
# they do not need the suppressions file (it changes findings, not tables)
printf 'suppressions = "no-such-file.toml"\n' > two/nianbao.toml
"$bin" extract two >/dev/null 2>&1 && "$bin" summarize two >/dev/null 2>&1 \
  && pass "extract/summarize do not read the configuration's suppressions file" \
  || fail "extract/summarize fail on a missing suppressions file"
rm two/nianbao.toml

# --config FILE on reports without a nianbao.toml
out="$("$bin" check --config conf/nianbao.toml "plain/$R3" 2>&1)"
has "$out" "[PUB-03]" && pass "--config FILE applies a configuration explicitly" || fail "--config: $out"

# ---- configuration errors: TOML line and column, exit 2
printf 'disabled = ["DOC-03"\n[severity]\n' > bad-syntax.toml
out="$("$bin" check --config bad-syntax.toml plain 2>&1)"; rc=$?
[ $rc -eq 2 ] && grep -qE '^bad-syntax.toml:2:1: error: ' <<<"$out" && pass "malformed TOML: $out" || fail "malformed TOML (rc $rc): $out"
cat > bad-keys.toml <<'EOF'
disable = ["DOC-03"]
[severity]
"META-3" = "warning"
[facts]
town_deadline = "date(yaer + 1, 2, 20)"
EOF
out="$("$bin" check --config bad-keys.toml plain 2>&1)"; rc=$?
[ $rc -eq 2 ] && has "$out" "bad-keys.toml:1:1: error: unknown key 'disable' (did you mean 'disabled'?)" \
  && pass "unknown key with did-you-mean" || fail "unknown key (rc $rc): $out"
printf '[severity]\n"META-3" = "warning"\n[facts]\ntown_deadline = "date(yaer + 1, 2, 20)"\n' > bad-names.toml
out="$("$bin" check --config bad-names.toml plain 2>&1)"; rc=$?
[ $rc -eq 2 ] && has "$out" "bad-names.toml:2:1: error: unknown rule id 'META-3' in [severity] (did you mean 'META-03'?)" \
  && has "$out" "bad-names.toml:4:23: error: in the fact override 'town_deadline' (rule set common): unknown name 'yaer' (did you mean 'year'?)" \
  && pass "unknown rule id; expression error at its place in the TOML string" || fail "bad names (rc $rc): $out"

# ---- suppressions
cat > sup.toml <<'EOF'
# 经核实可接受的发现
[[suppress]]
rule = "DOC-03"
report = "plain/000_*.txt"
place = "我们将"
justification = "该段为上年工作计划的引文"
expires = 2030-12-31

[[suppress]]
rule = "META-03"
report = "plain/003_f29a9ed548c71819.txt"
place = 3
justification = "统计期限写在附件中"
expires = 2024-06-30

[[suppress]]
rule = "STR-06"
report = "plain/999.txt"
justification = "报告已撤回"
EOF
out="$("$bin" check --suppressions sup.toml --today 2025-01-01 plain 2>&1)"; rc=$?
! has "$out" "[DOC-03]" && has "$out" "1 suppressed" && pass "suppressed finding hidden; summary counts it" || fail "suppression: $out"
has "$out" "sup.toml:9:1: warning: 对 META-03（plain/003_f29a9ed548c71819.txt）的抑制已于 2024-06-30 过期" \
  && has "$out" "[SUPPRESSION-EXPIRED]" && has "$out" "plain/$R3:3:1: info: 报告未说明数据的统计期限" \
  && pass "expired suppression reported at its line and no longer suppresses" || fail "expired: $out"
has "$out" "sup.toml:16:1: warning: 对 STR-06（plain/999.txt）的抑制未匹配任何发现" && has "$out" "[SUPPRESSION-UNUSED]" \
  && pass "unused suppression reported at its line" || fail "unused: $out"
out="$("$bin" check --suppressions sup.toml --today 2024-01-01 --show-suppressed plain 2>&1)"
has "$out" "warning: (suppressed) " && has "$out" "= suppressed (sup.toml:2): 该段为上年工作计划的引文" \
  && has "$out" "(suppressed) 报告未说明数据的统计期限" && ! has "$out" "SUPPRESSION-EXPIRED" \
  && pass "--show-suppressed marks them; not expired before the date" || fail "--show-suppressed: $out"
sarif="$("$bin" check --format sarif --suppressions sup.toml --today 2025-01-01 plain 2>/dev/null)"
python3 - "$sarif" <<'EOF' && pass "SARIF keeps the suppressed result with suppressions [{kind: external, justification}]" || fail "SARIF suppressions"
import json, sys
runs = json.loads(sys.argv[1])["runs"][0]
sup = [r for r in runs["results"] if r.get("suppressions")]
assert len(sup) == 1 and sup[0]["ruleId"] == "DOC-03", sup
s = sup[0]["suppressions"][0]
assert s["kind"] == "external" and s["justification"] == "该段为上年工作计划的引文", s
tool = sorted(r["ruleId"] for r in runs["results"] if r["ruleId"].startswith("SUPPRESSION-"))
assert tool == ["SUPPRESSION-EXPIRED", "SUPPRESSION-UNUSED"], tool
EOF
json="$("$bin" check --format json --suppressions sup.toml --today 2025-01-01 plain 2>/dev/null)"
has "$json" '"kind": "suppressions"' && has "$json" '"rule": "SUPPRESSION-UNUSED"' && has "$json" '"suppressed": 1' \
  && pass "JSON: the suppressions file's findings and the suppressed count" || fail "JSON suppressions: $json"
printf '[[suppress]]\nrule = "DOC-03"\nreport = "x"\nplace = 3\n' > sup-bad.toml
out="$("$bin" check --suppressions sup-bad.toml plain 2>&1)"; rc=$?
[ $rc -eq 2 ] && has "$out" "sup-bad.toml:1:1: error: this [[suppress]] entry has no 'justification'" \
  && pass "a suppression without justification is an error" || fail "justification required (rc $rc): $out"

# ---- baseline
mkdir -p base
cp plain/*.txt base/
"$bin" baseline write -o baseline.json base 2>/dev/null || fail "baseline write"
n="$(python3 -c 'import json,sys; print(sum(f["count"] for f in json.load(open(sys.argv[1]))["findings"]))' baseline.json)"
out="$("$bin" check --baseline baseline.json base 2>&1)"; rc=$?
has "$out" "checked 2 reports: 0 errors, 0 warnings, 0 info, 0 not assessable; $n baselined (not shown)" && [ $rc -eq 0 ] \
  && pass "baseline round trip: all $n findings baselined" || fail "baseline round trip (rc $rc): $out"
# move every finding of 000 down by three lines, and add a new finding
{ printf '说明一\n说明二\n\n'; cat "plain/$R0"; printf '2017年的政府信息公开工作，我们将进一步加强。\n'; } > "base/$R0"
out="$("$bin" check --baseline baseline.json base 2>&1)"
new="$(grep -c '^base/.*: \(error\|warning\|info\|note\):' <<<"$out")"
[ "$new" = 1 ] && has "$out" "[DOC-03]" && has "$out" "$n baselined" \
  && pass "moved findings still baselined; the one new finding reported: $(grep '\[DOC-03\]' <<<"$out")" \
  || fail "moved/new findings ($new new): $out"
# count-aware: two identical findings in the baseline, three now -> one new
{ cat "plain/$R0"; printf '2017年的工作，我们将继续。\n2017年的工作，我们将继续。\n'; } > "base/$R0"
"$bin" baseline write -o baseline2.json base 2>/dev/null
printf '2017年的工作，我们将继续。\n' >> "base/$R0"
out="$("$bin" check --baseline baseline2.json base 2>&1)"
[ "$(grep -c 'DOC-03\]' <<<"$out")" = 1 ] && pass "count-aware: 2 in the baseline, 3 now -> 1 new" || fail "count-aware: $out"

exit $status
