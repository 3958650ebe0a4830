#!/usr/bin/env bash
# README command 1: install what is missing, build, and check reports-samples/
# with the built-in rules.  Extra arguments go to `nianbao check`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh" "$root/build"
cd "$root"
status=0
./build/engine/nianbao check reports-samples/ "$@" || status=$?
# exit 1 means "error findings were reported": that is the checker doing its job
[ "$status" -le 1 ] || exit "$status"
