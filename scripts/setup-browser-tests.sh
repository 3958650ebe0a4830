#!/usr/bin/env bash
# Installs, if missing, what the optional parts of tests/golden/formats.sh need:
# chromium and a CJK font (the HTML report in a headless browser; scripts/setup.sh
# installs these too) and node/npm (Microsoft's SARIF validator, fetched from npm
# into ~/.cache/nianbao-tests on first use).  Without them those checks are skipped.
set -euo pipefail
want=(chromium fonts-wqy-microhei)
command -v node >/dev/null 2>&1 || want+=(nodejs)
command -v npm >/dev/null 2>&1 || want+=(npm)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup-browser-tests: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup-browser-tests: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
