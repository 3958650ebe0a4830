#!/usr/bin/env bash
# Output formats through the CLI (docs/output-formats.md):
#   - golden files for --format sarif|csv|html|junit on reports-samples/ (and a run
#     with a not-assessable finding and a missing report) in tests/golden/expected/formats/;
#     UPDATE_GOLDEN=1 rewrites them;
#   - JUnit: the XML parses (python3), and every count attribute is the number of
#     its testcases / failures / errors / skipped;
#   - CSV: UTF-8 BOM, CRLF; -o writes atomically (no temporary file left);
#   - progress: nothing on stderr when it is not a terminal; "[i/n] path" and a
#     clearing sequence when it is (through script(1));
#   - SARIF: Microsoft's validator (@microsoft/sarif-multitool from npm, installed
#     into a cache directory) finds no error;
#   - HTML: headless Chromium renders the page: the DOM holds the NUM-01 finding
#     next to line 403 of reports-samples/002_16652a60a82de5e5.txt, and table 四 of
#     005_hongze-district-2023.html with its two failing 总计 cells marked and the
#     T4-02 identity under it; screenshots are taken, and the failing cells' colour
#     is counted in the pixels (tests/tools/png_colour.cpp): the highlight is really
#     painted.  UPDATE_SCREENSHOT=1 saves them as docs/screenshots/html-report.png
#     and docs/screenshots/html-report-tables.png.
# What cannot run here (no node/npm, no chromium, no script) is skipped with the reason printed.
set -uo pipefail
bin="$1"; root="$2"; png_colour="${3:-}"
cd "$root"
exp="tests/golden/expected/formats"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; skip=0
ok()   { echo "PASS $*"; pass=$((pass + 1)); }
bad()  { echo "FAIL $*"; fail=$((fail + 1)); }
skip() { echo "SKIP $*"; skip=$((skip + 1)); }

# a rule set with a rule that cannot be assessed on a report without a signing date
cat > "$tmp/fmt.rules" <<'EOF'
ruleset fmt-test "输出格式测试" {
  extends common
  applies always
  source "tests/golden/formats.sh"
}

rule FMT-01 warning "落款日期在报告年度的次年" {
  source "测试用规则"
  require published.year == year + 1
  message "落款日期{published}不在报告年度的次年"
}
EOF

golden() {  # name expected-exit args...
  local name="$1" want="$2"; shift 2
  "$bin" check "$@" -o "$tmp/$name" 2>"$tmp/$name.stderr"
  local got=$?
  [ "$got" = "$want" ] || bad "$name: exit status $got, expected $want"
  # stderr is a file here: no progress display (other notes, e.g. skipped files, may be there)
  if grep -q $'\r\|^\[1/' "$tmp/$name.stderr"; then bad "$name: progress shown although stderr is not a terminal"; fi
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then mkdir -p "$exp"; cp "$tmp/$name" "$exp/$name"; ok "$name (rewritten)"; return; fi
  if cmp -s "$exp/$name" "$tmp/$name"; then
    ok "$name: same as $exp/$name"
  else
    diff -u "$exp/$name" "$tmp/$name" | head -40
    bad "$name differs (UPDATE_GOLDEN=1 tests/golden/formats.sh BIN ROOT rewrites it)"
  fi
}
# reports-samples/ holds reports with real error findings (洪泽区 2023's table 四): exit status 1
golden check.sarif 1 reports-samples/ --format sarif
golden check.csv 1 reports-samples/ --format csv
golden check.html 1 reports-samples/ --format html
golden mixed.sarif 2 reports-samples/000_6a703f7dda0af042.txt reports-samples/no-such-report.txt \
  --format sarif --no-builtin --rules rules/common.rules --rules "$tmp/fmt.rules"
golden mixed.csv 2 reports-samples/000_6a703f7dda0af042.txt reports-samples/no-such-report.txt \
  --format csv --no-builtin --rules rules/common.rules --rules "$tmp/fmt.rules"
golden check.junit.xml 1 reports-samples/ --format junit
golden mixed.junit.xml 2 reports-samples/000_6a703f7dda0af042.txt reports-samples/no-such-report.txt \
  --format junit --no-builtin --rules rules/common.rules --rules "$tmp/fmt.rules"

# JUnit: well-formed XML whose counts are those of its testcases
if command -v python3 >/dev/null 2>&1; then
  for f in check.junit.xml mixed.junit.xml; do
    if msg=$(python3 - "$tmp/$f" <<'PY' 2>&1
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
def counts(cases):
    return {"tests": len(cases), "failures": sum(c.find("failure") is not None for c in cases),
            "errors": sum(c.find("error") is not None for c in cases),
            "skipped": sum(c.find("skipped") is not None for c in cases)}
total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
for suite in root.findall("testsuite"):
    cases = suite.findall("testcase")
    want = counts(cases)
    got = {k: int(suite.get(k)) for k in want}
    assert got == want, (suite.get("name"), got, want)
    for c in cases:
        assert c.get("classname") == suite.get("name") and c.get("name"), c.attrib
        assert sum(c.find(k) is not None for k in ("failure", "error", "skipped")) <= 1, c.get("name")
    for k in total: total[k] += want[k]
assert {k: int(root.get(k)) for k in total} == total, (root.attrib, total)
print(f"{len(root.findall('testsuite'))} suites, {total}")
PY
    ); then ok "$f: well-formed JUnit XML, counts match its testcases ($msg)"; else bad "$f: $msg"; fi
  done
  grep -q '<error message="no such file or directory" type="InputError">' "$tmp/mixed.junit.xml" &&
    ok "mixed.junit.xml: the missing report is an <error>" || bad "mixed.junit.xml: no <error> for the missing report"
else
  skip "JUnit XML parse: python3 not found"
fi
# JUnit keeps a suppressed finding (without --show-suppressed) as a skipped testcase, like SARIF keeps it
cat > "$tmp/suppress.toml" <<'EOF'
[[suppress]]
rule = "NUM-01"
report = "reports-samples/002_16652a60a82de5e5.txt"
place = 403
justification = "已与机关核实"
EOF
"$bin" check --format junit --suppressions "$tmp/suppress.toml" reports-samples/002_16652a60a82de5e5.txt > "$tmp/sup.junit.xml" 2>/dev/null
if grep -q '<skipped message="suppressed (已与机关核实): 编号“（2）”' "$tmp/sup.junit.xml" &&
   grep -q '<testsuites name="nianbao" tests="60" failures="1" errors="0" skipped="5">' "$tmp/sup.junit.xml"; then
  ok "JUnit: a suppressed finding is a skipped testcase with its justification"
else
  bad "JUnit: suppressed finding not skipped: $(grep -c skipped "$tmp/sup.junit.xml") skipped; $(sed -n 2p "$tmp/sup.junit.xml")"
fi

# CSV bytes: BOM first, every line end CRLF (the samples' cells hold no line breaks)
if [ "$(head -c 3 "$tmp/check.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf ]; then ok "check.csv starts with a UTF-8 BOM"; else bad "check.csv has no BOM"; fi
lf=$(tr -cd '\n' < "$tmp/check.csv" | wc -c); crlf=$(grep -c $'\r$' "$tmp/check.csv")
if [ "$lf" -gt 1 ] && [ "$lf" = "$crlf" ]; then ok "check.csv: all $lf line ends are CRLF"; else bad "check.csv: $lf LF, $crlf CRLF"; fi

# -o is atomic: the temporary file is renamed, nothing is left next to the target
if ls -A "$tmp" | grep -q 'nianbao-'; then bad "-o left a temporary file"; else ok "-o left no temporary file"; fi

# progress on a terminal
if command -v script >/dev/null 2>&1; then
  script -qec "'$bin' check reports-samples/ --format csv -o '$tmp/tty.csv'" /dev/null > "$tmp/tty.out" 2>&1
  n=$(find reports-samples -maxdepth 1 -type f | wc -l)
  if grep -q "\[$n/$n\] reports-samples/" "$tmp/tty.out" && [ "$(tail -c 4 "$tmp/tty.out" | od -An -tx1 | tr -d ' \n')" = 0d1b5b4b ]; then
    ok "progress: [i/n] path on a terminal, cleared at the end"
  else
    bad "progress on a terminal: $(od -c "$tmp/tty.out" | head -5)"
  fi
  cmp -s "$tmp/tty.csv" "$tmp/check.csv" && ok "progress does not change the output" || bad "output differs with a terminal"
else
  skip "progress on a terminal: script(1) not found (package bsdutils)"
fi

# SARIF: Microsoft's validator
validate_sarif() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    skip "SARIF validator: node/npm not found (scripts/setup-browser-tests.sh installs them)"; return
  fi
  local cache="${NIANBAO_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-tests}/sarif-multitool"
  local tool="$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  if [ ! -e "$tool" ]; then
    mkdir -p "$cache"
    if ! npm install --silent --no-audit --no-fund --prefix "$cache" @microsoft/sarif-multitool@5.7.0 >"$tmp/npm.log" 2>&1; then
      skip "SARIF validator: npm install @microsoft/sarif-multitool failed: $(tail -3 "$tmp/npm.log" | tr '\n' ' ')"; return
    fi
  fi
  if [ ! -e "$tool" ]; then skip "SARIF validator: no Linux x64 binary in the package ($(uname -m))"; return; fi
  chmod u+x "$tool" 2>/dev/null
  for f in check.sarif mixed.sarif; do
    # the package's node wrapper passes arguments through a shell; run the binary itself
    if ! "$tool" validate "$tmp/$f" -o "$tmp/$f.validation" >"$tmp/$f.validator-out" 2>&1; then
      bad "SARIF validator could not run on $f: $(tail -5 "$tmp/$f.validator-out")"; continue
    fi
    # errors: schema (JSON...) and specification (SARIF1...) rules, or anything at level error;
    # SARIF2... are style guidance (e.g. a help URI, PascalCase names) and are not errors.
    # A file the validator cannot deserialise gives no results at all (not even guidance):
    # that counts as an error too.
    local errs
    errs=$(node -e '
      const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const all = log.runs[0].results || [];
      if (all.length === 0) console.log("no results at all: the validator did not read the file");
      const bad = all.filter(r => r.level === "error" || /^(JSON|SARIF1)/.test(r.ruleId));
      for (const r of bad) console.log(r.ruleId + " " + JSON.stringify(r.message.arguments || r.message.text));
    ' "$tmp/$f.validation")
    if [ -z "$errs" ]; then ok "$f: valid SARIF 2.1.0 (sarif-multitool validate)"; else bad "$f: validator errors:"; echo "$errs"; fi
  done
}
validate_sarif

# HTML in headless Chromium
browser=""
for b in chromium chromium-browser google-chrome; do command -v "$b" >/dev/null 2>&1 && { browser="$b"; break; }; done
if [ -z "$browser" ]; then
  skip "HTML in a browser: chromium not found (Debian package chromium; scripts/setup.sh installs it)"
else
  flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
         --disable-component-update --disable-sync --hide-scrollbars)
  page="file://$tmp/check.html"
  timeout 120 "$browser" "${flags[@]}" --user-data-dir="$tmp/profile1" --virtual-time-budget=2000 \
    --dump-dom "$page?view=compact" >"$tmp/dom.html" 2>"$tmp/chromium.log"
  # the line element of report 3 (002_16652a60a82de5e5.txt), line 403, up to line 404
  block=$(awk 'BEGIN { RS = "\001" } { s = index($0, "id=\"r3-L403\""); e = index($0, "id=\"r3-L404\""); if (s && e > s) print substr($0, s, e - s) }' "$tmp/dom.html")
  if grep -q 'data-file="reports-samples/002_16652a60a82de5e5.txt"' "$tmp/dom.html" &&
     printf '%s' "$block" | grep -q 'data-rule="NUM-01"' &&
     printf '%s' "$block" | grep -q '编号“（2）”与同级编号体例不一致'; then
    ok "HTML in $browser: the NUM-01 finding is at line 403 of 002_16652a60a82de5e5.txt"
  else
    bad "HTML in $browser: no NUM-01 finding at r3-L403 in the DOM ($(wc -c < "$tmp/dom.html") bytes; $(tail -2 "$tmp/chromium.log"))"
  fi
  # report 6 (005_hongze-district-2023.html), its third table (复议诉讼表): the 总计 cells of
  # 行政复议 and 复议后起诉 fail (总计 0, items 11 and 5), the row between does not
  block=$(awk 'BEGIN { RS = "\001" } { s = index($0, "id=\"r6-t3\""); if (s) { t = substr($0, s); e = index(t, "</details>"); print substr(t, 1, e) } }' "$tmp/dom.html" | tr -d '\n')
  row_fail() {  # row column: the cell is marked failing (error)
    printf '%s' "$block" | sed 's/<tr /\n<tr /g' | grep "^<tr data-row=\"$1\"" |
      grep -q "<td class=\"state-number fail sev-error\" data-column=\"$2\""
  }
  if printf '%s' "$block" | grep -q 'data-table="复议诉讼表"' && row_fail 行政复议 总计 && row_fail 复议后起诉 总计 &&
     ! row_fail 未经复议直接起诉 总计 &&
     printf '%s' "$block" | sed 's/<tr /\n<tr /g' | grep '^<tr data-row="行政复议"' | grep -q 'class="state-number operand sev-error" data-column="维持"' &&
     printf '%s' "$block" | sed 's/<li /\n<li /g' | grep '^<li class="sev-error"[^>]*data-rule="T4-02">' |
       grep -q '总计为0，结果维持、结果纠正、其他结果、尚未审结之和为11' &&
     printf '%s' "$block" | grep -q 'class="identity">规则 rule: '; then
    ok "HTML in $browser: table 四 of 005 shows its failing 总计 cells, their operands and the T4-02 identity"
  else
    bad "HTML in $browser: table 四 of 005 is not rendered with its failing cells ($(printf '%s' "$block" | head -c 600))"
  fi
  if grep -q '<body class="compact">' "$tmp/dom.html"; then ok "HTML: the page's script ran (?view=compact)"; else bad "HTML: the page's script did not run"; fi
  timeout 120 "$browser" "${flags[@]}" --user-data-dir="$tmp/profile2" --window-size=1280,2600 \
    --screenshot="$tmp/shot.png" "$page?view=compact" >/dev/null 2>>"$tmp/chromium.log"
  if [ "$(head -c 8 "$tmp/shot.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
     [ "$(wc -c < "$tmp/shot.png")" -gt 20000 ]; then
    ok "HTML: screenshot taken ($(wc -c < "$tmp/shot.png") bytes)"
    if [ "${UPDATE_SCREENSHOT:-0}" = 1 ]; then mkdir -p docs/screenshots; cp "$tmp/shot.png" docs/screenshots/html-report.png; fi
  else
    bad "HTML: no screenshot ($(tail -2 "$tmp/chromium.log"))"
  fi
  # the failing cells are painted: the page of 005 alone shows more of the failing-cell
  # colour (#fbd5d2) than a page whose tables all balance (009; only the legend has it)
  if [ -z "$png_colour" ] || [ ! -x "$png_colour" ]; then
    skip "HTML: failing-cell pixels: no png_colour tool (run through ctest)"
  else
    shot() {  # report png
      "$bin" check "$1" --format html -o "$tmp/one.html" 2>/dev/null
      timeout 120 "$browser" "${flags[@]}" --user-data-dir="$tmp/profile-$(basename "$2")" --window-size=1280,6000 \
        --screenshot="$2" "file://$tmp/one.html" >/dev/null 2>>"$tmp/chromium.log"
    }
    shot reports-samples/005_hongze-district-2023.html "$tmp/tables.png"
    shot reports-samples/009_gov2019-trial-format.txt "$tmp/balanced.png"
    with=$("$png_colour" "$tmp/tables.png" fbd5d2 2 | cut -d' ' -f1)
    without=$("$png_colour" "$tmp/balanced.png" fbd5d2 2 | cut -d' ' -f1)
    if [ -n "$with" ] && [ -n "$without" ] && [ $((with - without)) -ge 300 ]; then
      ok "HTML: failing cells painted ($with pixels of #fbd5d2 with 005's failing table, $without without)"
      if [ "${UPDATE_SCREENSHOT:-0}" = 1 ]; then cp "$tmp/tables.png" docs/screenshots/html-report-tables.png; fi
    else
      bad "HTML: failing cells not painted ($with pixels of #fbd5d2 with 005's failing table, $without without)"
    fi
  fi
fi

echo "formats: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
