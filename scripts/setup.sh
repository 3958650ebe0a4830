#!/usr/bin/env bash
# Installs the Debian 12 packages nianbao needs to build and test, if missing.
# Works as root or through sudo. Safe to run again: installs only what is missing.
#   scripts/setup.sh              the packages below
#   scripts/setup.sh PACKAGE...   those packages instead (scripts/setup-browser-tests.sh)
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config   # toolchain
  tao-pegtl-dev          # PEGTL 3.2.7: the rule-language grammar
  libicu-dev             # ICU 72: encodings, NFKC, traditional->simplified, regex, character widths
  libfmt-dev             # fmt 9: formatting
  libtomlplusplus-dev    # toml++ 3.3: configuration files
  nlohmann-json3-dev     # JSON output (header-only, well kept, Debian's)
  libcli11-dev           # command-line parsing (header-only)
  catch2                 # Catch2 2.13: unit tests
  libpoppler-cpp-dev     # poppler 22.12: the text layer of PDF reports (words with boxes)
  libgumbo-dev           # gumbo 0.10: HTML5 parsing of saved web pages (with source offsets)
  libzip-dev             # libzip 1.7: the ZIP package of .docx files (with size/ratio guards)
  zlib1g-dev             # zlib: tests only, reading the browser test's PNG screenshot (libzip needs it anyway)
  libpugixml-dev         # pugixml 1.13: word/document.xml (non-recursive parser, no DTD/entity expansion)
  chromium fonts-wqy-microhei  # tests only: the HTML report in a headless browser (about 35 s to install)
  poppler-utils          # tests only: pdftotext reads a letter printed to PDF by the browser
)

[ $# -gt 0 ] && PACKAGES=("$@")
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
