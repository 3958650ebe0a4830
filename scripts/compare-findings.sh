#!/usr/bin/env bash
# compare-findings.sh BEFORE AFTER [FILE|DIR ...]
#
# Runs two nianbao binaries (e.g. a build of the starting commit and a build of
# a branch) with `check --format json` on every report given (directories are
# walked; README.md files are skipped; default: reports-samples/ and
# /work/shared/real-reports/) and prints
#   1. per rule: findings before, after, and the difference;
#   2. every finding that exists in only one of the two runs (file:line rule
#      message), marked "-" (gone) or "+" (new), for reading against the report.
# Findings are compared by (file, rule, line, message); the line of a rendered input
# (HTML, DOCX, PDF) is its line in the original file (JSON "origin").  Exit status 0.
set -euo pipefail
if [[ $# -lt 2 ]]; then
    sed -n '2,12p' "$0" >&2
    exit 2
fi
before=$1 after=$2
shift 2
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(reports-samples /work/shared/real-reports)
files=()
for t in "${targets[@]}"; do
    if [[ -d $t ]]; then
        while IFS= read -r f; do files+=("$f"); done < <(find "$t" -type f ! -name 'README.md' | sort)
    else
        files+=("$t")
    fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "${files[@]}"; do
    n=$(printf '%s' "$f" | md5sum | cut -c1-12)
    "$before" check --format json "$f" >"$tmp/$n.before.json" 2>"$tmp/$n.before.err" || true
    "$after" check --format json "$f" >"$tmp/$n.after.json" 2>"$tmp/$n.after.err" || true
done
python3 - "$tmp" <<'PY'
import json, sys, glob, collections, os
tmp = sys.argv[1]
def load(path):
    out = []
    try:
        doc = json.load(open(path, encoding="utf-8"))
    except Exception:
        err = open(path[:-5] + ".err", encoding="utf-8", errors="replace").read().strip()
        return [("?", "INPUT", 0, err[:120])]
    for r in doc.get("reports", []):
        for f in r.get("findings", []):
            # a rendered input (HTML, DOCX, PDF) is compared at its place in the original file
            o = f.get("origin") or {}
            line = f"p{o['page']}:{o.get('line', 0)}" if o.get("page") else o.get("line", f.get("line", 0))
            out.append((f.get("file", r.get("file")), f["rule"], line, f.get("message", "")))
    return out
before, after = collections.Counter(), collections.Counter()
gone, new = [], []
nfiles = 0
for b in sorted(glob.glob(os.path.join(tmp, "*.before.json"))):
    a = b.replace(".before.json", ".after.json")
    fb, fa = load(b), load(a)
    nfiles += 1
    for x in fb: before[x[1]] += 1
    for x in fa: after[x[1]] += 1
    cb, ca = collections.Counter(fb), collections.Counter(fa)
    gone += list((cb - ca).elements())
    new += list((ca - cb).elements())
print(f"reports: {nfiles}")
print(f"{'rule':<12} {'before':>6} {'after':>6} {'diff':>6}")
for rule in sorted(set(before) | set(after)):
    d = after[rule] - before[rule]
    mark = "" if d == 0 else f"{d:+d}"
    print(f"{rule:<12} {before[rule]:>6} {after[rule]:>6} {mark:>6}")
print(f"{'total':<12} {sum(before.values()):>6} {sum(after.values()):>6} {sum(after.values()) - sum(before.values()):+6d}")
print()
for sign, lst in (("-", gone), ("+", new)):
    for f, rule, line, msg in sorted(lst, key=str):
        print(f"{sign} {f}:{line} {rule} {msg}")
PY
