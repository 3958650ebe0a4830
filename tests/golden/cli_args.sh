#!/usr/bin/env bash
# What a new user meets first (issue 13): arguments that cannot swallow paths,
# exit status 2 on every usage error, rule overlays over the built-in rule sets
# (--rules, --no-builtin, rules export), configuration found in a parent
# directory, `nianbao test` on one .expect file and on a copy of the tests,
# --quiet and colour only when asked for or on a terminal.
set -uo pipefail
bin="$1"; root="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
pass() { echo "PASS $*"; }
has() { grep -qF -- "$2" <<<"$1"; }
cd "$root"
R2=reports-samples/002_16652a60a82de5e5.txt; R0=reports-samples/000_6a703f7dda0af042.txt
P=tests/data/overlay/province.rules

# ---- --rules takes exactly one path: the reports after it are all checked
out="$("$bin" check --rules rules "$R2" "$R0" 2>&1)"; rc=$?
has "$out" "# $R2 [" && has "$out" "# $R0 [" && has "$out" "checked 2 reports" && [ $rc -eq 0 ] \
  && pass "check --rules DIR a b: both reports checked" || fail "--rules swallowed a report (rc $rc): ${out:0:300}"
out="$("$bin" check --rules rules -- "$R2" 2>&1)"; rc=$?
has "$out" "checked 1 report" && [ $rc -eq 0 ] && pass "'--' before the reports" || fail "-- (rc $rc): ${out:0:300}"
out="$("$bin" test --rules rules rules/tests/t4-dash.expect 2>&1)"; rc=$?
has "$out" "rule tests: 1 passed, 0 failed" && [ $rc -eq 0 ] && pass "test --rules DIR FILE.expect: runs that one test" \
  || fail "test --rules X FILE (rc $rc): ${out:0:300}"

# ---- every usage error exits 2; --help and --version exit 0
for args in "check --bogus $R2" "check" "frobnicate" "check --format yaml $R2" "check --rules" "rules" \
            "check --color sometimes $R2"; do
  "$bin" $args >/dev/null 2>"$tmp/err"; rc=$?
  [ $rc -eq 2 ] && [ -s "$tmp/err" ] && pass "usage error '$args': exit 2 with a message" \
    || fail "usage error '$args': exit $rc"
done
"$bin" --help >/dev/null && "$bin" check --help >/dev/null && "$bin" --version >/dev/null \
  && pass "--help, check --help, --version: exit 0" || fail "--help/--version exit non-zero"

# ---- overlays: a provincial rule set that extends gov-2021, on top of the built-in rules
out="$("$bin" check --rules "$P" "$R2" 2>&1)"; rc=$?
has "$out" "[format: province-2023;" && has "$out" "$R2:1:1: warning: 报告未写明监督举报渠道 [PROV-01]" \
  && has "$out" "[NUM-01]" && [ $rc -eq 0 ] \
  && pass "--rules province.rules: the built-in rules run through it, PROV-01 added" || fail "overlay (rc $rc): ${out:0:400}"
out="$("$bin" check --no-builtin --rules "$P" "$R2" 2>&1)"; rc=$?
has "$out" "province.rules:4:11: error: unknown rule set 'gov-2021' [R501]" && [ $rc -eq 2 ] \
  && pass "--no-builtin: only the files given (gov-2021 unknown)" || fail "--no-builtin (rc $rc): ${out:0:300}"
out="$("$bin" check --no-builtin "$R2" 2>&1)"; rc=$?
has "$out" "--no-builtin needs rule files" && [ $rc -eq 2 ] && pass "--no-builtin without rule files: error" \
  || fail "--no-builtin alone (rc $rc): ${out:0:300}"
out="$("$bin" rules list --rules "$P" 2>&1)"; rc=$?
has "$out" "PROV-01" && has "$out" "STR-01" && [ $rc -eq 0 ] && pass "rules list --rules FILE: built-in and added rules" \
  || fail "rules list overlay (rc $rc)"
out="$("$bin" explain --rules "$P" PROV-01 2>&1)"; rc=$?
has "$out" "某省补充要求第3条" && [ $rc -eq 0 ] && pass "explain an added rule" || fail "explain overlay (rc $rc): $out"
# a changed copy of a built-in file replaces it (same rule set name): no duplicate rule set
cp rules/common.rules "$tmp/common.rules"
sed -i "s/^rule META-03 info /rule META-03 warning /" "$tmp/common.rules"
out="$("$bin" check --rules "$tmp/common.rules" reports-samples/003_f29a9ed548c71819.txt 2>&1)"; rc=$?
has "$out" "003_f29a9ed548c71819.txt:3:1: warning: 报告未说明数据的统计期限" && ! has "$out" ": info: 报告未说明数据的统计期限" \
  && [ $rc -eq 0 ] \
  && pass "a changed copy of common.rules replaces the built-in one" || fail "replace built-in (rc $rc): ${out:0:400}"

# ---- rules export: the built-in files, to start from; nothing overwritten
out="$("$bin" rules export "$tmp/exported" 2>&1)"; rc=$?
[ $rc -eq 0 ] && diff -r -x tests rules "$tmp/exported" >/dev/null && pass "rules export DIR: the built-in rule files" \
  || fail "rules export (rc $rc): $out"
echo "# mine" > "$tmp/exported/common.rules"
out="$("$bin" rules export "$tmp/exported" 2>&1)"; rc=$?
[ $rc -eq 2 ] && has "$out" "common.rules: error: already exists" && [ "$(cat "$tmp/exported/common.rules")" = "# mine" ] \
  && pass "rules export into a used directory: refuses, keeps the file" || fail "export overwrite (rc $rc): $out"

# ---- configuration discovery walks up: cd reports && nianbao check .
mkdir -p "$tmp/county/reports"
cp "$R2" "$tmp/county/reports/r.txt"
printf '# county configuration\ndisabled = ["NUM-01"]\n' > "$tmp/county/nianbao.toml"
out="$(cd "$tmp/county/reports" && "$bin" check . 2>&1)"; rc=$?
! has "$out" "[NUM-01]" && has "$out" "checked 1 report" && [ $rc -eq 0 ] \
  && pass "cd reports && check .: ../nianbao.toml applies" || fail "config in a parent (rc $rc): ${out:0:300}"
out="$(cd "$tmp/county/reports" && "$bin" config show 2>&1)"; rc=$?
has "$out" "config: $tmp/county/nianbao.toml" && [ $rc -eq 0 ] && pass "config show names the file found above" \
  || fail "config show (rc $rc): $out"

# ---- nianbao test: one .expect file alone; a missing sample named with its path
out="$("$bin" test rules/tests/t4-dash.expect 2>&1)"; rc=$?
has "$out" "PASS rules/tests/t4-dash.expect" && has "$out" "1 passed, 0 failed" && [ $rc -eq 0 ] \
  && pass "test FILE.expect" || fail "test one file (rc $rc): $out"
mkdir -p "$tmp/t" && printf 'sample ../nowhere/r.txt\nexpect STR-01\n' > "$tmp/t/a.expect"
out="$("$bin" test "$tmp/t" 2>&1)"; rc=$?
has "$out" "$tmp/t/a.expect:1: sample $tmp/nowhere/r.txt not found" && [ $rc -eq 1 ] \
  && pass "a missing sample: the .expect file, its line and the path" || fail "missing sample (rc $rc): $out"
# exhaustive covers not-assessable notes too
cp rules/tests/t4-dash.txt "$tmp/t/d.txt"; grep -v 'T4-02' rules/tests/t4-dash.expect > "$tmp/t/d.expect"; rm "$tmp/t/a.expect"
out="$("$bin" test "$tmp/t" 2>&1)"; rc=$?
has "$out" "unexpected finding in $tmp/t/d.txt (exhaustive): T4-02 line 384 (note)" && [ $rc -eq 1 ] \
  && pass "exhaustive: an unexpected not-assessable note fails" || fail "exhaustive notes (rc $rc): $out"

# ---- --quiet, colour
mkdir -p "$tmp/q" && cp "$R2" "$tmp/q/r.txt" && echo x > "$tmp/q/data.xlsx"
out="$("$bin" check "$tmp/q" 2>/dev/null)"; has "$out" "data.xlsx: note: not checked: unsupported type (.xlsx)" \
  && pass "skipped file listed in the output" || fail "no 'not checked' line: $out"
err="$("$bin" check -q "$tmp/q" 2>&1 >/dev/null)"; [ -z "$err" ] && pass "--quiet: nothing on stderr" || fail "--quiet: $err"
out="$("$bin" check "$R2")"; ! has "$out" $'\x1b[' && pass "not a terminal: no colour" || fail "colour into a pipe"
out="$("$bin" check --color always "$R2")"; has "$out" $'\x1b[1;35mwarning\x1b[0m' \
  && pass "--color always: severities coloured" || fail "--color always: no colour"
out="$(NO_COLOR=1 script -qec "$bin check $R2" /dev/null 2>/dev/null)"
if command -v script >/dev/null; then
  ! has "$out" $'\x1b[1;35m' && pass "NO_COLOR on a terminal: no colour" || fail "NO_COLOR ignored"
  out="$(TERM=xterm script -qec "$bin check $R2" /dev/null 2>/dev/null)"
  has "$out" $'\x1b[1;35mwarning' && pass "a terminal: coloured" || fail "terminal without colour"
fi
exit $status
