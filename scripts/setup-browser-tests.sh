#!/usr/bin/env bash
# Installs, if missing, what the optional parts of tests/golden/formats.sh need:
# chromium and a CJK font (the HTML report in a headless browser; scripts/setup.sh
# installs these too) and node/npm (Microsoft's SARIF validator, fetched from npm
# into ~/.cache/nianbao-tests on first use).  Without them those checks are skipped.
set -euo pipefail
want=(chromium fonts-wqy-microhei)
command -v node >/dev/null 2>&1 || want+=(nodejs)
command -v npm >/dev/null 2>&1 || want+=(npm)
exec "$(dirname "$0")/setup.sh" "${want[@]}"
