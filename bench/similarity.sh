#!/usr/bin/env bash
# The rules that compare reports, on a large batch of near-copies (issue 11):
# measured, not asserted.
#
#   bench/similarity.sh [BIN] [REPORTS] [RUNS]
#
# Makes REPORTS reports (default 5000) from three real ones (洪泽区 2023 through
# pdftotext when it is installed, else its web page; two seeds): each copy under
# another agency's name ("第N县人民政府"), with its numbers changed, one sentence
# rewritten.  Then checks the batch RUNS times (default 3), all cores, with every
# rule, and with the similarity rules (DOC-02, DOC-02N) disabled in a
# nianbao.toml; prints the median wall times, their ratio, the share of the
# check the similarity rules take, and how many DOC-02 findings there were.
# Every file is surveyed (MinHash signature, passages) in both runs: the LSH
# index means no report is compared with all others.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/build/engine/nianbao}"
n="${2:-5000}"
runs="${3:-3}"
[ -x "$bin" ] || { echo "bench: no binary at $bin (build first: scripts/build.sh)" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
src=("$root/reports-samples/002_16652a60a82de5e5.txt" "$root/reports-samples/008_huaian-city-2024.txt")
if command -v pdftotext >/dev/null; then
  pdftotext -layout "$root/reports-samples/007_hongze-district-2023.pdf" "$tmp/h23.txt"; src+=("$tmp/h23.txt")
fi
mkdir -p "$tmp/batch"
python3 - "$tmp/batch" "$n" "${src[@]}" <<'PY'
import random, re, sys, os
out, n, srcs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
texts = [open(s, encoding="utf-8").read() for s in srcs]
rnd = random.Random(42)
for i in range(n):
    t = texts[i % len(texts)]
    lines = t.split("\n")
    # the agency in the first lines becomes the copy's own
    for k in range(min(5, len(lines))):
        lines[k] = re.sub(r"[\u4e00-\u9fff]{2,12}(人民政府|信访局|局)", f"第{i}县人民政府", lines[k], count=1)
    body = "\n".join(lines)
    body = re.sub(r"(?<![0-9])([1-9][0-9]?)(?![0-9年月日])", lambda m: str(int(m.group(1)) + rnd.randint(0, 3)), body)
    sents = [m.start() for m in re.finditer("。", body)]
    if sents:
        at = sents[rnd.randrange(len(sents))]
        body = body[:at] + f"，第{i}县另行开展了专项检查" + body[at:]
    with open(os.path.join(out, f"r{i:05d}.txt"), "w", encoding="utf-8") as f:
        f.write(body)
PY
printf '[check]\n' > /dev/null
mkdir -p "$tmp/off"; printf 'disabled = ["DOC-02", "DOC-02N"]\n' > "$tmp/off/nianbao.toml"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_run() {  # seconds of one run; the findings file
  local s e
  s=$(date +%s.%N); "$bin" check -q --format json "$@" > "$tmp/out.json" 2>/dev/null || true; e=$(date +%s.%N)
  echo "$e - $s" | bc
}
on=(); off=()
for r in $(seq 1 "$runs"); do
  on+=("$(time_run "$tmp/batch")")
  off+=("$(time_run --config "$tmp/off/nianbao.toml" "$tmp/batch")")
done
"$bin" check -q --format json "$tmp/batch" > "$tmp/out.json" 2>/dev/null || true
doc02=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for r in d['reports'] for f in r['findings'] if f['rule']=='DOC-02' and f['status']=='failed'))" "$tmp/out.json")
mon=$(printf '%s\n' "${on[@]}" | median); moff=$(printf '%s\n' "${off[@]}" | median)
echo "reports: $n (from ${#src[@]} real reports), runs: $runs, cores: $(nproc)"
echo "check, every rule:                    median ${mon}s  (runs: ${on[*]})"
echo "check, DOC-02/DOC-02N disabled:       median ${moff}s  (runs: ${off[*]})"
awk -v a="$mon" -v b="$moff" -v n="$n" 'BEGIN { printf "ratio every/disabled: %.3f; the similarity rules: %.1f%% of the check, %.0f us per report\n", a/b, 100*(a-b)/a, 1e6*(a-b)/n }'
echo "DOC-02 findings: $doc02 (each report names at most 10 similar reports)"
