#!/usr/bin/env bash
# Input handling through the CLI: the same report in GB18030, UTF-16 and UTF-8
# with BOM gives the same findings as in UTF-8; binary, empty and undecodable
# files get a one-line error naming the file, while the rest of the batch is
# still checked and the exit status is 2.
set -uo pipefail
bin="$1"; root="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
seed="$root/reports-samples/002_16652a60a82de5e5.txt"
fail=0
findings() { "$bin" check "$1" | grep -E '^[^ ].*:[0-9]+:[0-9]+: ' | sed "s|^$1:||"; }

ref="$(findings "$seed")"
[ -n "$ref" ] || { echo "FAIL: no findings on the seed"; exit 1; }
iconv -f UTF-8 -t GB18030 "$seed" > "$tmp/gb.txt"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$seed"; } > "$tmp/u16.txt"
{ printf '\xef\xbb\xbf'; cat "$seed"; } > "$tmp/bom.txt"
for f in gb u16 bom; do
  got="$(findings "$tmp/$f.txt")"
  if [ "$got" != "$ref" ]; then
    echo "FAIL: $f.txt findings differ from the UTF-8 original:"; diff <(echo "$ref") <(echo "$got"); fail=1
  else
    echo "PASS $f.txt: same findings as UTF-8 ($("$bin" check --format json "$tmp/$f.txt" | grep -m1 '"encoding"' | tr -d ' ,'))"
  fi
done

head -c 4096 /dev/urandom > "$tmp/binary.txt"; printf '\0' >> "$tmp/binary.txt"
: > "$tmp/empty.txt"
printf 'abc\xff\xfe\xfd\xfc\x80\x80\x80' > "$tmp/bad.txt"
cp "$seed" "$tmp/z-good.txt"
out="$("$bin" check "$tmp" 2>&1)"; rc=$?
[ $rc -eq 2 ] || { echo "FAIL: exit $rc, expected 2"; fail=1; }
for pat in "binary.txt: error: binary file" "empty.txt: error: empty file" "bad.txt: error: " "z-good.txt:403:1: warning:"; do
  if grep -qF "$pat" <<<"$out"; then echo "PASS: $pat"; else echo "FAIL: missing '$pat' in:"; echo "$out"; fail=1; fi
done
for f in binary empty bad; do
  n="$(grep -c "$f.txt: error:" <<<"$out")"
  [ "$n" = 1 ] || { echo "FAIL: $f.txt: expected one error line, got $n"; fail=1; }
done
exit $fail
