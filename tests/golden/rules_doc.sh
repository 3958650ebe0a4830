#!/usr/bin/env bash
# docs/rules.md is generated from the shipped rules: fails when it is out of date.
# Regenerate: build/engine/nianbao rules list --format markdown --rules rules > docs/rules.md
set -uo pipefail
bin="$1"; root="$2"
cd "$root"
if diff -u docs/rules.md <("$bin" rules list --format markdown --rules rules); then
  echo "PASS docs/rules.md is up to date"
else
  echo "FAIL: docs/rules.md is out of date; regenerate it with:"
  echo "  nianbao rules list --format markdown --rules rules > docs/rules.md"
  exit 1
fi
