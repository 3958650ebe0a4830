#!/usr/bin/env bash
# Golden tests: run the CLI on reports-samples/ and compare the whole output
# (text and JSON) with tests/golden/expected/.  UPDATE_GOLDEN=1 rewrites them.
set -uo pipefail
bin="$1"; root="$2"
cd "$root"
exp="tests/golden/expected"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
fail=0
run() {  # name, args...
  local name="$1"; shift
  "$bin" "$@" >"$tmp/$name" 2>"$tmp/$name.stderr"
  echo "exit: $?" >>"$tmp/$name"
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/$name" "$exp/$name"; return; fi
  if ! diff -u "$exp/$name" "$tmp/$name"; then
    echo "golden: $name differs (UPDATE_GOLDEN=1 tests/golden/run.sh BIN ROOT rewrites it)" >&2
    fail=1
  fi
}
run check.txt check reports-samples/
run check.json check --format json reports-samples/
run missing.txt check reports-samples/no-such-report.txt
run extract.csv extract reports-samples/
run summarize.txt summarize reports-samples/
exit $fail
