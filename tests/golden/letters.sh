#!/usr/bin/env bash
# `nianbao letters` (docs/cli.md, "letters"):
#   - golden: letters on reports of reports-samples/ (洪泽区 2023 as HTML, DOCX and PDF: one agency,
#     three files; 张店区信访局's two reports, one with a not-assessable finding from
#     tests/data/letters/notes.rules; 张店区发改局, its only finding baselined; 淮安市, its finding
#     suppressed by tests/data/letters/suppress.toml), a report without an agency and a missing
#     report: the whole output directory, byte for byte, and stderr with the exit status, in
#     tests/golden/expected/letters/ (UPDATE_GOLDEN=1 rewrites them);
#   - the same letters with -j 1; file names without / \ : * ? " < > |; index.html links every
#     letter; no script, no external resource; suppressed and baselined findings in no letter;
#   - headless Chromium: 洪泽区人民政府.html at A4 width (794x1123) to PNG (text and the error badges
#     painted), and printed to PDF: A4 pages (595x842 pt /MediaBox), the printed text (pdftotext)
#     shows the findings at their places (p4:19:21 of the PDF, 表3 第4行 第5列:1 of the DOCX) and
#     no finding is cut by a page break.  UPDATE_SCREENSHOT=1 saves the PNG as
#     docs/screenshots/letter.png.
# What cannot run here (no chromium, no pdftotext) is skipped with the reason printed.
set -uo pipefail
bin="$1"; root="$2"; png_colour="${3:-}"
cd "$root"
exp="tests/golden/expected/letters"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; skip=0
ok()   { echo "PASS $*"; pass=$((pass + 1)); }
bad()  { echo "FAIL $*"; fail=$((fail + 1)); }
skip() { echo "SKIP $*"; skip=$((skip + 1)); }

reports=(reports-samples/000_6a703f7dda0af042.txt reports-samples/001_54cbd9d051963413.txt
         reports-samples/002_16652a60a82de5e5.txt reports-samples/005_hongze-district-2023.html
         reports-samples/006_hongze-district-2023.docx reports-samples/007_hongze-district-2023.pdf
         reports-samples/008_huaian-city-2024.txt tests/data/bind/huaian-city-2024-section3-fragment.txt
         reports-samples/no-such-report.txt)
opts=(--rules tests/data/letters/notes.rules --suppressions tests/data/letters/suppress.toml --today 2026-01-01)
"$bin" baseline write "${opts[@]}" reports-samples/001_54cbd9d051963413.txt -o "$tmp/baseline.json" 2>"$tmp/baseline.err" ||
  bad "baseline write: $(cat "$tmp/baseline.err")"

"$bin" letters "${reports[@]}" "${opts[@]}" --baseline "$tmp/baseline.json" -o "$tmp/out" 2>"$tmp/stderr"
echo "exit: $?" >>"$tmp/stderr"
sed -i "s|$tmp|TMP|g" "$tmp/stderr"
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  rm -rf "$exp"; mkdir -p "$exp"; cp -r "$tmp/out" "$exp/out"; cp "$tmp/stderr" "$exp/stderr"
  ok "letters (rewritten)"
elif diff -r "$exp/out" "$tmp/out" >/dev/null && cmp -s "$exp/stderr" "$tmp/stderr"; then
  ok "letters: $(ls "$tmp/out" | wc -l) files, stderr and exit status the same as $exp"
else
  diff -ru "$exp/out" "$tmp/out" | head -60; diff -u "$exp/stderr" "$tmp/stderr"
  bad "letters differ (UPDATE_GOLDEN=1 tests/golden/letters.sh BIN ROOT rewrites them)"
fi

"$bin" letters "${reports[@]}" "${opts[@]}" --baseline "$tmp/baseline.json" -j 1 -q -o "$tmp/again" 2>/dev/null
diff -r "$tmp/out" "$tmp/again" >/dev/null && ok "letters: the same with -j 1" || bad "letters differ with -j 1"

unsafe=$(cd "$tmp/out" && ls | grep '[\\/:*?"<>|]')
[ -z "$unsafe" ] && ok "letters: file names safe on Windows" || bad "letters: unsafe file names: $unsafe"
missing=""
for f in "$tmp/out"/*.html; do
  [ "$(basename "$f")" = index.html ] && continue
  grep -qF "href=\"$(basename "$f")\"" "$tmp/out/index.html" || missing="$missing $(basename "$f")"
done
[ -z "$missing" ] && ok "index.html links every letter" || bad "index.html does not link:$missing"
if grep -lE '<script|<link| src=|url\(|https?://' "$tmp/out"/*.html; then bad "letters: a script or an external resource"
else ok "letters: self-contained (no script, no external resource)"; fi
if grep -q 'META-04D' "$tmp/out/淮安市人民政府.html" || grep -q 'STR-06' "$tmp/out/张店区发改局.html"; then
  bad "letters: a suppressed or baselined finding is in a letter"
elif grep -q '另有已抑制的问题 1 项、基线中已有的问题 1 项' "$tmp/out/index.html" &&
     grep -qE '未发现问题[。；]' "$tmp/out/张店区发改局.html"; then
  ok "letters: suppressed and baselined findings left out, counted in the index"
else
  bad "letters: the index does not count the suppressed and baselined findings"
fi
grep -q 'no such file or directory。该文件无法读取' "$tmp/out/no-such-report.txt.html" &&
  ok "letters: the missing report has a letter saying it could not be read" || bad "letters: no letter for the missing report"

# -o DIR holding a report of the run named index.html: refused, nothing written; -o a file: refused
mkdir -p "$tmp/in"; cp reports-samples/005_hongze-district-2023.html "$tmp/in/index.html"
"$bin" letters "$tmp/in/index.html" -o "$tmp/in" 2>"$tmp/in.err"; got=$?
if [ "$got" = 2 ] && cmp -s "$tmp/in/index.html" reports-samples/005_hongze-district-2023.html &&
   [ "$(ls "$tmp/in")" = index.html ] && grep -q 'the output file is also an input' "$tmp/in.err"; then
  ok "letters: a letter that would replace a report of the run is refused, nothing written"
else
  bad "letters: -o DIR holding the report index.html: exit $got, $(ls "$tmp/in" | tr '\n' ' ')$(cat "$tmp/in.err")"
fi
"$bin" letters reports-samples/000_6a703f7dda0af042.txt -o "$tmp/baseline.json" 2>"$tmp/file.err"; got=$?
[ "$got" = 2 ] && grep -q 'baseline.json: error: not a directory' "$tmp/file.err" &&
  ok "letters: -o naming a file is refused" || bad "letters: -o FILE: exit $got, $(cat "$tmp/file.err")"

# the letter of 洪泽区人民政府 in headless Chromium
browser=""
for b in chromium chromium-browser google-chrome; do command -v "$b" >/dev/null 2>&1 && { browser="$b"; break; }; done
if [ -z "$browser" ]; then
  skip "letters in a browser: chromium not found (Debian package chromium; scripts/setup.sh installs it)"
else
  flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
         --disable-component-update --disable-sync --hide-scrollbars)
  page="file://$tmp/out/洪泽区人民政府.html"
  timeout 120 "$browser" "${flags[@]}" --user-data-dir="$tmp/p1" --window-size=794,1123 \
    --screenshot="$tmp/letter.png" "$page" >/dev/null 2>"$tmp/chromium.log"
  if [ "$(head -c 8 "$tmp/letter.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
    bad "letter: no screenshot ($(tail -2 "$tmp/chromium.log"))"
  elif [ -z "$png_colour" ] || [ ! -x "$png_colour" ]; then
    skip "letter: screenshot taken, pixels not counted: no png_colour tool (run through ctest)"
  else
    # text: near-black pixels (#111 and its anti-aliasing); the error badges' and borders' red
    text=$("$png_colour" "$tmp/letter.png" 111111 40 | cut -d' ' -f1)
    red=$("$png_colour" "$tmp/letter.png" c62828 8 | cut -d' ' -f1)
    size=$("$png_colour" "$tmp/letter.png" 111111 40 | cut -d' ' -f2)
    if [ "$size" = 794x1123 ] && [ "${text:-0}" -ge 5000 ] && [ "${red:-0}" -ge 1000 ]; then
      ok "letter: A4-wide screenshot $size with text ($text dark pixels) and error badges ($red red pixels)"
      if [ "${UPDATE_SCREENSHOT:-0}" = 1 ]; then mkdir -p docs/screenshots; cp "$tmp/letter.png" docs/screenshots/letter.png; fi
    else
      bad "letter: screenshot $size blank or without error badges ($text dark, $red red pixels)"
    fi
  fi
  timeout 120 "$browser" "${flags[@]}" --user-data-dir="$tmp/p2" --no-pdf-header-footer \
    --print-to-pdf="$tmp/letter.pdf" "$page" >/dev/null 2>>"$tmp/chromium.log"
  boxes=$(grep -ao '/MediaBox \[[^]]*\]' "$tmp/letter.pdf" 2>/dev/null |
          awk '{ gsub(/[][]/, ""); printf "%.0fx%.0f\n", $4, $5 }' | sort | uniq -c | awk '{ print $2 " (" $1 " pages)" }')
  if [[ "$boxes" =~ ^595x842\ \(([0-9]+)\ pages\)$ ]] && [ "${BASH_REMATCH[1]}" -ge 2 ]; then
    ok "letter printed to PDF: every page A4, $boxes"
  else
    bad "letter printed to PDF: pages not A4: '$boxes' ($(tail -2 "$tmp/chromium.log"))"
  fi
  if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -layout "$tmp/letter.pdf" "$tmp/letter.txt"
    if grep -q '关于政府信息公开工作年度报告问题的整改通知' "$tmp/letter.txt" &&
       grep -q 'p4:19:21' "$tmp/letter.txt" && grep -q '表3 第4行 第5列:1' "$tmp/letter.txt" &&
       grep -q '整改要求' "$tmp/letter.txt"; then
      ok "letter printed: its text shows the findings at p4:19:21 (PDF) and 表3 第4行 第5列:1 (DOCX)"
    else
      bad "letter printed: findings or places missing from the text ($(head -c 300 "$tmp/letter.txt"))"
    fi
    # every finding whole on one page: on each page as many finding heads as 依据 lines
    pages=$(pdfinfo "$tmp/letter.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    cut=""
    for ((p = 1; p <= ${pages:-0}; p++)); do
      pdftotext -layout -f "$p" -l "$p" "$tmp/letter.pdf" "$tmp/page.txt"
      heads=$(grep -cE '^ *[0-9]+\. +(错误|警告|提示)' "$tmp/page.txt")
      basis=$(grep -cE '^ *依据 ' "$tmp/page.txt")
      [ "$heads" = "$basis" ] || cut="$cut page $p: $heads heads, $basis 依据;"
    done
    if [ -n "$pages" ] && [ -z "$cut" ]; then ok "letter printed: no finding cut by a page break ($pages pages)"
    else bad "letter printed: a finding is cut by a page break:${cut:- no pdfinfo}"; fi
  else
    timeout 120 "$browser" "${flags[@]}" --user-data-dir="$tmp/p3" --dump-dom "$page" >"$tmp/dom.html" 2>>"$tmp/chromium.log"
    if grep -q '<span class="place">p4:19:21</span>' "$tmp/dom.html" &&
       grep -q '<span class="place">表3 第4行 第5列:1</span>' "$tmp/dom.html"; then
      ok "letter in $browser: the DOM shows the findings at p4:19:21 and 表3 第4行 第5列:1"
    else
      bad "letter in $browser: places missing from the DOM"
    fi
    skip "letter printed: the PDF's text not read: pdftotext not found (package poppler-utils; scripts/setup.sh installs it)"
  fi
fi

echo "letters: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
