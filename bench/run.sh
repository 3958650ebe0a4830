#!/usr/bin/env bash
# Throughput and memory of `nianbao check`, measured, not asserted.
#
#   bench/run.sh [BIN] [COPIES] [RUNS]
#
# Makes a corpus of COPIES copies (default 40) of every report in
# reports-samples/ (about COPIES x 8 reports), checks it RUNS times (default 5)
# with -j1 and with all cores, and prints the median wall time, reports per
# second, the ratio parallel/serial, the HTML report's time (as a ratio to the
# JSON run) and size, and the peak resident memory (from
# /usr/bin/time when present).  Shared, noisy machines: compare medians and
# ratios between builds, not absolute numbers.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/build/engine/nianbao}"
copies="${2:-40}"
runs="${3:-5}"
[ -x "$bin" ] || { echo "bench: no binary at $bin (build first: scripts/build.sh)" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp" "$tmp.out"' EXIT
n=0
for i in $(seq 1 "$copies"); do
  mkdir -p "$tmp/c$i"
  for f in "$root"/reports-samples/*; do
    [ -f "$f" ] || continue
    cp "$f" "$tmp/c$i/"; n=$((n + 1))
  done
done
bytes=$(du -sb "$tmp" | cut -f1)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() {  # jobs [format] -> prints median seconds
  local jobs="$1" format="${2:-json}"
  for r in $(seq 1 "$runs"); do
    local s e
    s=$(date +%s.%N)
    "$bin" check -j "$jobs" --format "$format" -o "$tmp.out" "$tmp" >/dev/null 2>&1 || true
    e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done | median
}
serial=$(measure 1)
cores=$(nproc)
parallel=$(measure "$cores")
html=$(measure "$cores" html)
html_bytes=$(stat -c %s "$tmp.out" 2>/dev/null || echo 0)
rss="n/a"
if [ -x /usr/bin/time ]; then
  rss=$( { /usr/bin/time -v "$bin" check -j 1 --format json "$tmp" >/dev/null; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2" KiB"}' || true)
fi
printf 'corpus        %d reports, %.1f MiB\n' "$n" "$(echo "$bytes/1048576" | bc -l)"
printf 'serial  (-j1) median %.3f s  = %.1f reports/s\n' "$serial" "$(echo "$n/$serial" | bc -l)"
printf 'parallel(-j%d) median %.3f s  = %.1f reports/s  (speed-up %.2fx)\n' "$cores" "$parallel" "$(echo "$n/$parallel" | bc -l)" "$(echo "$serial/$parallel" | bc -l)"
printf 'html report (-j%d) median %.3f s  (%.2fx the JSON run), %.1f MiB\n' "$cores" "$html" "$(echo "$html/$parallel" | bc -l)" "$(echo "$html_bytes/1048576" | bc -l)"
printf 'peak RSS (-j1): %s\n' "$rss"
