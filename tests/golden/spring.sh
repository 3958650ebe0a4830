#!/usr/bin/env bash
# What a supervisor meets in spring (issue 13): places in the agency's terms in
# every output (CSV page/place columns, --lang zh, the HTML findings list),
# suppressions and rule tests naming either numbering, files not checked listed
# in every output (not an error), the default include/exclude of a directory
# walk, and a rule set that removes a name an inherited rule uses.
set -uo pipefail
bin="$1"; root="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
pass() { echo "PASS $*"; }
has() { grep -qF -- "$2" <<<"$1"; }
cd "$root"
PDF=reports-samples/007_hongze-district-2023.pdf; DOCX=reports-samples/006_hongze-district-2023.docx
R2=reports-samples/002_16652a60a82de5e5.txt

# ---- 1. places in the agency's terms: CSV page and place, --lang zh, HTML list, JSON place
out="$("$bin" check --format csv "$PDF" "$DOCX" "$R2")"
has "$out" "file,agency,year,rule,severity,page,place,line,column,message,values,source" \
  && has "$out" "$PDF,洪泽区人民政府,2023,T4-02,error,4,p4:19:21,106,21," \
  && has "$out" "$DOCX,洪泽区人民政府,2023,T4-02,error,,表3 第4行 第5列:1,423,2," \
  && has "$out" "$R2,张店区信访局,2023,NUM-01,warning,,403:1,403,1," \
  && pass "csv: page and place of the original file, text-layer line and column beside" || fail "csv places: ${out:0:600}"
out="$("$bin" check --format csv --lang zh "$PDF" "$DOCX")"
has "$out" "文件,机关,年度,规则,级别,页,位置,文本行,文本列,消息,数值,依据" \
  && has "$out" ",T4-02,错误,4,第4页第19行第21列,106,21," && has "$out" ",T4-02,错误,,表3 第4行 第5列 第1字,423,2," \
  && pass "csv --lang zh: Chinese header, severities and places" || fail "csv --lang zh: ${out:0:600}"
"$bin" check --lang fr "$PDF" >/dev/null 2>&1; [ $? -eq 2 ] && pass "--lang fr: usage error" || fail "--lang fr accepted"
out="$("$bin" check --format html "$PDF")"
has "$out" '<a href="#r1-L106">第4页第19行第21列 <span class="tl">(p4:19:21 · 文本第 106 行)</span></a>' \
  && pass "html list: the page and line on the page, the text line only beside" || fail "html list place"
out="$("$bin" check --format json "$PDF")"
has "$out" '"place": "p4:19:21"' && pass "json: place as the text output names it" || fail "json place"

# ---- 2. suppressions and rule tests name either numbering (PDF: page:line, or the text layer's line)
mkdir -p "$tmp/s" && cp "$PDF" "$tmp/s/h.pdf"
sup() { printf '[[suppress]]\nrule = "T4-02"\nreport = "h.pdf"\nplace = %s\njustification = "ok"\n' "$1" > "$tmp/s/sup.toml"
  out="$("$bin" check --suppressions "$tmp/s/sup.toml" "$tmp/s/h.pdf" 2>&1)"; }
sup '"p4:19:21"'
has "$out" "; 1 suppressed" && has "$out" "h.pdf:p4:19:61: error:" && ! has "$out" "h.pdf:p4:19:21: error:" \
  && pass "suppression place = \"p4:19:21\": the one finding at page 4 line 19 column 21" || fail "place p4:19:21: ${out:0:400}"
sup '"第4页第19行"'
has "$out" "; 2 suppressed" && ! has "$out" "SUPPRESSION-UNUSED" && pass "suppression place = \"第4页第19行\": both on that line" \
  || fail "place 第4页第19行: ${out:0:400}"
sup 106
has "$out" "; 2 suppressed" && pass "suppression place = 106: the text layer's line, as before" || fail "place 106: ${out:0:400}"
sup '"p4:20"'
has "$out" "[SUPPRESSION-UNUSED]" && has "$out" "h.pdf:p4:19:21: error:" \
  && pass "suppression place = \"p4:20\": matches nothing, reported unused" || fail "place p4:20: ${out:0:400}"
printf 'expect T4-02 at p4:19:21\nexpect T4-02 at 第4页第19行第61列\nexpect T4-02 line 106\n' > "$tmp/s/h.expect"
out="$("$bin" test "$tmp/s/h.expect")"; rc=$?
has "$out" "rule tests: 1 passed, 0 failed" && [ $rc -eq 0 ] && pass "rule test: 'at PLACE' and 'line N' on a PDF" \
  || fail "rule test at PLACE (rc $rc): $out"
printf 'expect T4-02 at p4:20\n' > "$tmp/s/h.expect"
out="$("$bin" test "$tmp/s/h.expect")"; rc=$?
has "$out" "expected T4-02 at p4:20 in $tmp/s/h.pdf, not found" && has "$out" "got: T4-02 line 106 at p4:19:21 (error)" \
  && [ $rc -eq 1 ] && pass "rule test: a wrong place fails, naming what was found" || fail "rule test wrong place (rc $rc): $out"

# ---- 3. files not checked are listed in every output, and are no error
mkdir -p "$tmp/d" && cp "$R2" "$tmp/d/r.txt" && echo x > "$tmp/d/a.ofd" && echo x > "$tmp/d/b.xlsx"
out="$("$bin" check "$tmp/d" 2>/dev/null)"; rc=$?
has "$out" "$tmp/d/a.ofd: note: not checked: unsupported type (.ofd)" \
  && has "$out" "$tmp/d/b.xlsx: note: not checked: unsupported type (.xlsx)" \
  && has "$out" "checked 1 report: 0 errors, " && has "$out" "; 2 files not checked" && [ $rc -eq 0 ] \
  && pass "text: each file not checked named, counted apart, exit 0" || fail "text skipped (rc $rc): ${out:0:600}"
out="$("$bin" check --format json "$tmp/d")"; rc=$?
has "$out" '"skipped": "not checked: unsupported type (.ofd)"' && has "$out" '"not_checked": 2' && [ $rc -eq 0 ] \
  && pass "json: skipped entries" || fail "json skipped (rc $rc)"
out="$("$bin" check --format sarif "$tmp/d")"; rc=$?
has "$out" '"text": "not checked: unsupported type (.xlsx)"' && has "$out" '"id": "not-checked"' \
  && has "$out" '"executionSuccessful": true' && [ $rc -eq 0 ] \
  && pass "sarif: a toolExecutionNotification (note) per file not checked" || fail "sarif skipped (rc $rc)"
out="$("$bin" check --format csv "$tmp/d")"
has "$out" "$tmp/d/a.ofd,,,,skipped,,,,,not checked: unsupported type (.ofd),," && pass "csv: a skipped row" || fail "csv skipped"
out="$("$bin" check --format html "$tmp/d")"
has "$out" "未检查 not checked: unsupported type (.ofd)" && has "$out" '<b>2</b>未检查 not checked' \
  && pass "html: listed and counted" || fail "html skipped"
out="$("$bin" check --format junit "$tmp/d")"
has "$out" '<skipped message="not checked: unsupported type (.xlsx)"/>' && has "$out" 'errors="0"' \
  && pass "junit: a skipped testcase, no error" || fail "junit skipped: ${out:0:300}"

mkdir -p "$tmp/own" && cp "$R2" "$tmp/own/r.txt"
out="$("$bin" check -o "$tmp/own/r.txt" "$tmp/own" 2>&1)"; rc=$?
[ $rc -eq 2 ] && has "$out" "error: the output file is also an input" && cmp -s "$R2" "$tmp/own/r.txt" \
  && pass "-o onto a report found in the folder: still refused" || fail "-o onto a report (rc $rc): $out"

# ---- 4. default include/exclude; nianbao's own files and the output file are not reports
mkdir -p "$tmp/w/sub" && cp "$R2" "$tmp/w/sub/r.txt" && cp "$R2" "$tmp/w/README.txt" && cp "$R2" "$tmp/w/notes.md" \
  && cp "$R2" "$tmp/w/说明.txt" && cp "$R2" "$tmp/w/CHANGELOG" && cp "$R2" "$tmp/w/other.md"
out="$("$bin" check "$tmp/w" 2>&1)"; rc=$?
has "$out" "checked 1 report:" && has "$out" "# $tmp/w/sub/r.txt [" && ! has "$out" "README" && ! has "$out" "notes.md" \
  && ! has "$out" "说明" && ! has "$out" "CHANGELOG" \
  && pass "default globs: README*, notes*, 说明*, CHANGELOG and *.md are not checked (nor listed)" \
  || fail "default globs (rc $rc): ${out:0:400}"
out="$("$bin" check "$tmp/w/README.txt" "$tmp/w/notes.md" 2>&1)"
has "$out" "checked 2 reports" && pass "files named on the command line are always checked" || fail "named: ${out:0:300}"
printf '[files]\ninclude = ["**/*.md", "**/*.txt"]\n' > "$tmp/w/nianbao.toml"
out="$("$bin" check "$tmp/w" 2>&1)"
has "$out" "checked 2 reports" && has "$out" "# $tmp/w/other.md [" && ! has "$out" "notes.md" \
  && pass "[files] include replaces the default include (the default exclude stays)" || fail "include: ${out:0:300}"
out="$("$bin" config show --config "$tmp/w/nianbao.toml")"
has "$out" "exclude (default) **/readme*, **/changelog*" && pass "config show: the default globs" || fail "config show: $out"
rm "$tmp/w/nianbao.toml"
"$bin" check -o "$tmp/w/result.txt" "$tmp/w" >/dev/null 2>&1; rc1=$?
"$bin" check -o "$tmp/w/result.txt" "$tmp/w" 2>"$tmp/err"; rc2=$?
out="$(cat "$tmp/w/result.txt")"
[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && has "$out" "checked 1 report:" && ! has "$out" "# $tmp/w/result.txt" \
  && has "$out" "$tmp/w/result.txt: note: not checked: an output of nianbao check" \
  && pass "-o FILE inside the folder: its previous output is listed, not checked, on the next run" \
  || fail "-o inside the folder (rc $rc1 $rc2): $(cat "$tmp/err") ${out:0:300}"
"$bin" check --format html -o "$tmp/w/result.html" "$tmp/w" >/dev/null 2>&1
"$bin" check --format html -o "$tmp/w/result.html" "$tmp/w" >/dev/null 2>&1; rc=$?
grep -qF '1 份报告 reports checked' "$tmp/w/result.html" && [ $rc -eq 0 ] \
  && pass "-o FILE.html inside the folder: not checked either" || fail "html output checked as a report (rc $rc)"
printf '[[suppress]]\nrule = "NUM-01"\nreport = "r.txt"\njustification = "ok"\n' > "$tmp/w/sub/sup.txt"
out="$("$bin" check --suppressions "$tmp/w/sub/sup.txt" "$tmp/w" 2>&1)"
has "$out" "checked 1 report:" && has "$out" "; 2 suppressed" && ! has "$out" "# $tmp/w/sub/sup.txt [format" \
  && pass "the suppressions file met in the folder is not a report" || fail "own file checked: ${out:0:300}"

# ---- --help says all of it
out="$("$bin" check --help)"
has "$out" "--lang" && has "$out" "listed as 'not checked'" && has "$out" "readme* changelog*" && has "$out" '"第4页第19行"' \
  && pass "check --help: --lang, files not checked, the default globs, suppression places" || fail "check --help"
out="$("$bin" test --help)"; has "$out" "at PLACE" && pass "test --help: at PLACE" || fail "test --help"

# ---- 5. a rule set that extends gov-2021 and declares 表三 anew without the row 结转 its rules use
{ printf 'ruleset gov-2027 "2027年格式" {\n  extends gov-2021\n  applies when year >= 2027\n}\n\n'
  awk '/^table 申请表 \{/,/^\}/' rules/gov-2021.rules | grep -v '^  row 结转 '; } > "$tmp/gov-2027.rules"
out="$("$bin" rules check "$tmp/gov-2027.rules" 2>&1)"; rc=$?
has "$out" "gov-2027.rules:6:7: error: rule T3-02 (inherited from gov-2021, <builtin>/gov-2021.rules:425) uses row '结转' of table '申请表', which gov-2027 removes" \
  && has "$out" "[R505]" && has "$out" "rule T3-06 (inherited" && [ $rc -eq 2 ] \
  && pass "rules check: an inherited rule using a removed row is a load-time error at the new table" \
  || fail "removed row (rc $rc): ${out:0:500}"
out="$("$bin" check --rules "$tmp/gov-2027.rules" "$R2" 2>&1)"; rc=$?
has "$out" "[R505]" && ! has "$out" "checked 1 report" && [ $rc -eq 2 ] && pass "check --rules: the same error, no report checked" \
  || fail "check with removed row (rc $rc): ${out:0:300}"
sed -i 's/^  applies when year >= 2027$/&\n  drop T3-02, T3-05, T3-06, T3-08/' "$tmp/gov-2027.rules"
out="$("$bin" rules check "$tmp/gov-2027.rules" 2>&1)"; rc=$?
has "$out" "1 rule file OK" && [ $rc -eq 0 ] && pass "dropping the rules that used the row: OK" || fail "drop (rc $rc): $out"

exit $status
