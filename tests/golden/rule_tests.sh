#!/usr/bin/env bash
# Rule tests: `nianbao test rules/tests` with the rules of the source tree.
set -euo pipefail
bin="$1"; root="$2"
cd "$root"
"$bin" test rules/tests --rules rules
