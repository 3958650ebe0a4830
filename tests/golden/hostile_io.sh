#!/usr/bin/env bash
# Hostile files and outputs through the CLI (docs/cli.md, "Input files" and "Output"):
#  - a FIFO, socket or device given as a report (or met in a directory, or given as --config, --suppressions,
#    --baseline, --rules) is refused on its status with one line, exit 2, and never opened: the run does not
#    block and every other report is still checked;
#  - -o naming one of the files the run reads is refused before anything is written (exit 2);
#  - output lost on a full disk is an error (exit 2): standard output on /dev/full, -o on a full tmpfs (which
#    also must leave the previous file as it was and no temporary file behind).
# Every command runs under `timeout`: a hang is a failure, not a stalled test run.
set -uo pipefail
bin="$1"; root="$2"
tmp="$(mktemp -d)"; mnt=""
cleanup() { [ -n "$mnt" ] && umount "$mnt" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
pass() { echo "PASS $*"; }
has() { grep -qF -- "$2" <<<"$1"; }
lines() { grep -cF -- "$2" <<<"$1"; }
seed="$root/reports-samples/002_16652a60a82de5e5.txt"
good="002_16652a60a82de5e5.txt:403:1: warning:"  # a finding of the seed: it was checked
# run ARGS...: $out (stdout), $err (stderr), $rc; rc 124 = hung
run() { timeout -k 5 30 "$@" >"$tmp/.out" 2>"$tmp/.err"; rc=$?; out="$(cat "$tmp/.out")"; err="$(cat "$tmp/.err")"
  all="$out"$'\n'"$err"; }  # a report's input error is part of the report output
cd "$tmp"

# ---- H2: non-regular files are refused, not opened
mkfifo fifo.txt
run "$bin" check fifo.txt "$seed"
if [ $rc -eq 2 ] && [ "$(lines "$all" "fifo.txt: error: not a regular file (fifo)")" = 1 ] && has "$out" "$good"; then
  pass "FIFO given as a report: one error line, exit 2, the other report checked"
else fail "FIFO given as a report (rc $rc; 124 = hung): $all"; fi

run "$bin" check /dev/null "$seed"
[ $rc -eq 2 ] && has "$all" "/dev/null: error: not a regular file (character device)" && has "$out" "$good" \
  && pass "a character device given as a report: refused, exit 2" || fail "/dev/null as a report (rc $rc): $all"

mkdir walk && cp "$seed" walk/z.txt && mkfifo walk/a.txt walk/pipe
run "$bin" check walk
if [ $rc -eq 2 ] && [ "$(lines "$all" "walk/a.txt: error: not a regular file (fifo)")" = 1 ] && has "$out" "walk/z.txt:403:1: warning:" \
  && has "$out" "walk/pipe: note: not checked: not a regular file (fifo)"; then
  pass "FIFO met in a directory: error for a report name, 'not checked' otherwise, the rest checked"
else fail "FIFO in a directory (rc $rc): $all"; fi

for opt in --config --suppressions --baseline --rules; do
  run "$bin" check "$opt" fifo.txt "$seed"
  [ $rc -eq 2 ] && [ "$(wc -l <<<"$err")" = 1 ] && has "$err" "fifo.txt: error: not a regular file (fifo)" \
    && pass "check $opt FIFO: one error line, exit 2" || fail "check $opt FIFO (rc $rc): $err"
done
run "$bin" rules check fifo.txt
[ $rc -eq 2 ] && has "$err" "fifo.txt: error: not a regular file (fifo)" && pass "rules check FIFO: refused" \
  || fail "rules check FIFO (rc $rc): $err"
run "$bin" config show fifo.txt
[ $rc -eq 2 ] && has "$err" "fifo.txt: error: not a regular file (fifo)" && pass "config show FIFO: refused" \
  || fail "config show FIFO (rc $rc): $err"

# ---- D1: -o onto a file the run reads
cp "$seed" self.txt; cp self.txt self.txt.orig
refused() {  # refused WHAT FILE: exit 2, one error line naming FILE, FILE unchanged, no findings printed
  if [ $rc -eq 2 ] && [ "$(wc -l <<<"$err")" = 1 ] && has "$err" "error: the output file is also an input" \
     && cmp -s "$2" "$2.orig" && [ -z "$out" ]; then pass "$1: refused, $2 unchanged"
  else fail "$1 (rc $rc): $err"; cp "$2.orig" "$2"; fi
}
run "$bin" check -o self.txt self.txt;                    refused "check -o REPORT REPORT" self.txt
mkdir -p x; run "$bin" check --format json -o ./x/../self.txt self.txt; refused "check -o (another spelling)" self.txt
mkdir d && cp self.txt d/r.txt && cp self.txt d/r.txt.orig
run "$bin" check -o d/r.txt d;                            refused "check -o onto a report found in a directory" d/r.txt
ln self.txt hard.txt
run "$bin" check -o hard.txt self.txt;                    refused "check -o onto a hard link of the report" self.txt
ln -s self.txt link.txt
run "$bin" check -o self.txt link.txt;                    refused "check -o onto the file a symlinked report names" self.txt
run "$bin" baseline write -o self.txt self.txt;           refused "baseline write -o REPORT REPORT" self.txt
run "$bin" extract -o self.txt self.txt;                  refused "extract -o REPORT REPORT" self.txt
run "$bin" summarize -o self.txt self.txt;                refused "summarize -o REPORT REPORT" self.txt
"$bin" baseline write -o bl.json "$seed" 2>/dev/null; cp bl.json bl.json.orig
run "$bin" check --baseline bl.json -o bl.json "$seed";   refused "check --baseline F -o F" bl.json
cp "$root/rules/common.rules" my.rules; cp my.rules my.rules.orig
run "$bin" check --rules my.rules -o my.rules "$seed";    refused "check --rules F -o F" my.rules
printf 'disabled = ["DOC-03"]\n' > c.toml; cp c.toml c.toml.orig
run "$bin" check --config c.toml -o c.toml "$seed";       refused "check --config F -o F" c.toml
run "$bin" check -o new.txt self.txt
[ $rc -eq 0 ] && grep -qF "self.txt:403:1: warning:" new.txt && pass "check -o NEW REPORT still writes the findings" \
  || fail "check -o new.txt (rc $rc): $err"

# ---- D2: standard output on a full disk
for cmd in "check $seed" "check --format json $seed" "check $root/reports-samples" "rules list --format markdown" \
           "explain NUM-01"; do
  # shellcheck disable=SC2086
  timeout -k 5 60 "$bin" $cmd >/dev/full 2>"$tmp/.err"; rc=$?; err="$(cat "$tmp/.err")"
  [ $rc -eq 2 ] && [ "$(lines "$err" "nianbao: error: cannot write to standard output: No space left on device")" = 1 ] \
    && pass "$cmd > /dev/full: exit 2, one error line" || fail "$cmd > /dev/full (rc $rc): $err"
done
"$bin" check "$seed" >/dev/null 2>&1; rc=$?
[ $rc -eq 0 ] && pass "check > /dev/null: exit 0" || fail "check > /dev/null: rc $rc"

# ---- D3: -o that cannot be written completely
# devices: our own nodes as root (a broken build renaming over them cannot replace the real /dev/null), else
# links to /dev (where a non-root rename fails)
if [ "$(id -u)" = 0 ]; then mknod devfull c 1 7 && mknod devnull c 1 3
else ln -s /dev/full devfull && ln -s /dev/null devnull; fi
run "$bin" check -o devfull "$seed"
[ $rc -eq 2 ] && has "$err" "devfull: error: cannot write the output file: No space left on device" && [ -c devfull ] \
  && pass "check -o FULL-DEVICE: exit 2, written in place (still a device)" || fail "check -o devfull (rc $rc): $err"
run "$bin" check -o devnull "$seed"
[ $rc -eq 0 ] && [ -c devnull ] && pass "check -o NULL-DEVICE: exit 0, still a device" || fail "-o devnull (rc $rc): $err"
run "$bin" check -o no-such-dir/out.txt "$seed"
[ $rc -eq 2 ] && [ "$(wc -l <<<"$err")" = 1 ] && has "$err" "no-such-dir/out.txt: error: cannot create a temporary file" \
  && pass "check -o into a missing directory: one error line, exit 2" || fail "-o no-such-dir (rc $rc): $err"
echo old > keep.txt; chmod 640 keep.txt; ln -s keep.txt keep-link.txt
run "$bin" check -o keep-link.txt "$seed"
[ $rc -eq 0 ] && [ -L keep-link.txt ] && [ "$(stat -c %a keep.txt)" = 640 ] && grep -qF "$good" keep.txt \
  && pass "-o through a symlink: the file it names replaced, mode 640 kept, the link kept" \
  || fail "-o through a symlink (rc $rc): $err $(stat -c %a keep.txt)"
if [ "$(id -u)" = 0 ] && mkdir full && mount -t tmpfs -o size=64k tmpfs full 2>/dev/null; then
  mnt="$tmp/full"
  echo keep-me > full/out.txt
  dd if=/dev/zero of=full/fill bs=1k count=100 2>/dev/null
  for args in "check" "check --format html" "baseline write" "extract" "summarize"; do
    # shellcheck disable=SC2086
    run "$bin" $args -o full/out.txt "$seed"
    if [ $rc -eq 2 ] && [ "$(lines "$err" "full/out.txt: error: cannot write the output file (left as it was): No space left on device")" = 1 ] \
       && [ "$(cat full/out.txt)" = keep-me ] && [ "$(ls -A full | sort | tr '\n' ' ')" = "fill out.txt " ]; then
      pass "$args -o on a full disk: exit 2, the previous file kept, no temporary file left"
    else fail "$args -o on a full disk (rc $rc): $err; out.txt: $(head -c 40 full/out.txt); $(ls -A full)"; fi
  done
  umount full && mnt=""
else
  echo "SKIP -o on a full disk: needs root and a tmpfs mount (uid $(id -u))"
fi
exit $status
