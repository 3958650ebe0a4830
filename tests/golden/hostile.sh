#!/usr/bin/env bash
# Hostile inputs through the CLI (issue 17): each bad file gets its findings or
# one line naming it and the reason, in bounded time, and the rest of the batch
# is still checked; no output format is lost to it.
#  - invalid UTF-8 in a .docx (surrogate character reference, raw 0xFF, GBK
#    XML): json, sarif and baseline write give valid JSON for the whole batch;
#  - HTML nested past the limit in ways a naive count misses ("<div/>", nested
#    tables): one "nested too deeply" line, rc 2, quickly;
#  - a PDF word at x = 5e8 pt: read with bounded lines.
set -uo pipefail
bin="$1"; root="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
data="$root/tests/data/hostile"
seed="$root/reports-samples/002_16652a60a82de5e5.txt"
fail=0
pass() { echo "PASS: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
run() { timeout -k 5 120 "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
# run, with the peak RSS in KB in $rss (0 without /usr/bin/time); the limit is
# 1 GB, far above the sanitizer build's need and far below the old gigabytes.
rss_limit=1000000
run_rss() {
  if [ -x /usr/bin/time ]; then
    timeout -k 5 120 /usr/bin/time -f %M -o "$tmp/rss" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
    rss="$(tail -1 "$tmp/rss" 2>/dev/null | grep -E '^[0-9]+$' || echo 999999999)"
  else run "$@"; rss=0; fi
}
valid_json() { python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1" 2>/dev/null; }

# C1: invalid UTF-8 from a .docx
for d in docx_charref docx_rawff docx_gbk; do
  for fmt in json sarif; do
    run "$bin" check --format "$fmt" "$data/$d.docx" "$seed"
    if [ $rc -gt 1 ]; then bad "$d.docx --format $fmt: rc $rc: $(head -c 300 "$tmp/err")"; continue; fi
    if ! valid_json "$tmp/out"; then bad "$d.docx --format $fmt: output is not valid JSON"; continue; fi
    if grep -q "$d.docx" "$tmp/out" && grep -q '002_16652a60a82de5e5.txt' "$tmp/out" && grep -q 'NUM-01' "$tmp/out"; then
      pass "$d.docx --format $fmt: rc $rc, valid JSON with both reports"
    else bad "$d.docx --format $fmt: a report of the batch is missing"; fi
  done
  run "$bin" baseline write -o "$tmp/bl.json" "$data/$d.docx" "$seed"
  if [ $rc -eq 0 ] && valid_json "$tmp/bl.json" && grep -q 'NUM-01' "$tmp/bl.json"; then
    pass "$d.docx baseline write: rc 0, valid JSON"
  else bad "$d.docx baseline write: rc $rc: $(head -c 300 "$tmp/err")"; fi
  rm -f "$tmp/bl.json"
done
# The GBK one is decoded, not replaced.
run "$bin" check --format json "$data/docx_gbk.docx"
grep -q '张店区' "$tmp/out" && pass "docx_gbk.docx decoded as GBK" || bad "docx_gbk.docx: GBK text not decoded: $(head -c 300 "$tmp/out")"

# C2: HTML nesting the pre-scan used to miss
head="<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
{ printf '%s' "$head"; for ((i = 0; i < 20000; i++)); do printf '<div/>'; done; printf 'x</body></html>'; } > "$tmp/selfclose_div.html"
{ printf '%s' "$head"; for ((i = 0; i < 20000; i++)); do printf '<table><tr><td>'; done; printf 'x</body></html>'; } > "$tmp/nest_table.html"
for h in selfclose_div nest_table; do
  start=$SECONDS
  run_rss "$bin" check "$tmp/$h.html" "$seed"
  secs=$((SECONDS - start))
  n="$(cat "$tmp/out" "$tmp/err" | grep -c "$h.html: error: markup nested too deeply")"
  if [ $rc -eq 2 ] && [ "$n" = 1 ] && grep -q '002_16652a60a82de5e5.txt:403:1: warning:' "$tmp/out" && [ $secs -lt 60 ] && [ "$rss" -lt $rss_limit ]; then
    pass "$h.html: rc 2, one line: $(grep -h "$h.html" "$tmp/out" "$tmp/err" | sed "s|$tmp/||"), seed still checked (${secs}s, ${rss} KB)"
  else bad "$h.html: rc $rc, $n refusal lines, ${secs}s, ${rss} KB: $(head -c 300 "$tmp/err")"; fi
done
# Inside svg "/>" closes: 1000 self-closed paths are not 1000 levels.
{ printf '%s<p>一、总体情况</p><svg>' "$head"; for ((i = 0; i < 1000; i++)); do printf '<path d="M0 0"/>'; done; printf '</svg><p>二、主动公开</p></body></html>'; } > "$tmp/svg.html"
run "$bin" check "$tmp/svg.html"
if [ $rc -le 1 ]; then pass "svg.html: 1000 self-closed svg paths read (rc $rc)"; else bad "svg.html: rc $rc: $(head -c 300 "$tmp/err")"; fi

# C3: PDF words far out on a huge page box
for p in pdf_far_words_5e8 pdf_far_words_1e9; do
  start=$SECONDS
  run_rss "$bin" check "$data/$p.pdf"
  secs=$((SECONDS - start))
  long="$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$tmp/out")"
  if [ $rc -le 1 ] && [ "$long" -lt 5000 ] && [ $secs -lt 60 ] && [ "$rss" -lt $rss_limit ]; then
    pass "$p.pdf: rc $rc in ${secs}s, ${rss} KB, longest output line $long bytes"
  else bad "$p.pdf: rc $rc, ${secs}s, ${rss} KB, longest output line $long: $(head -c 300 "$tmp/err")"; fi
done
exit $fail
