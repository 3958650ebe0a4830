#!/usr/bin/env bash
# Hostile rule inputs (issue 17: C4, H1, U1): deep nesting in rule files and in
# a nianbao.toml [facts] override, a flat 50,000-term sum, a chain of thousands
# of facts, a pattern with catastrophic backtracking, date arithmetic on
# extreme dates.  Each must give a diagnostic or a "not assessable" note in
# bounded time: no crash (rc 139), no hang, no sanitizer report.  Big inputs
# are generated here; small ones are in tests/data/hostile/.
set -uo pipefail
bin="$1"; root="$2"
data="$root/tests/data/hostile"
report="$root/reports-samples/002_16652a60a82de5e5.txt"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
status=0
fail() { echo "FAIL: $*"; status=1; }
pass() { echo "PASS $*"; }
has() { grep -qF -- "$2" <<<"$1"; }
head_rules() { printf 'ruleset fz "fuzz" {\n  applies always\n  source "x"\n}\n'; }
# rule_with CHECK: a rule file whose rule (line 5) checks CHECK on line 7
rule_with() { head_rules; printf 'rule A-1 error "t" {\n  source "s"\n  require %s\n  message "m"\n}\n' "$1"; }
rep() { python3 -c "import sys; print(sys.argv[1] * int(sys.argv[2]), end='')" "$1" "$2"; }

# ---- C4: nesting in rule files: an error at the level that crosses the limit
rule_with "$(rep '(' 50000)1$(rep ')' 50000)" > "$tmp/paren.rules"
out="$(timeout 60 "$bin" rules check "$tmp/paren.rules" 2>&1)"; rc=$?
has "$out" "paren.rules:7:211: error: expression nested too deeply (more than 200 levels) [R127]" && [ $rc -eq 2 ] \
  && pass "50,000 parentheses: R127 at the 201st level" || fail "50,000 parentheses (rc $rc): ${out:0:400}"

rule_with "1$(rep ' + 1' 50000) > 0" > "$tmp/sum.rules"
out="$(timeout 60 "$bin" rules check "$tmp/sum.rules" 2>&1)"; rc=$?
has "$out" "sum.rules:7:813: error: expression too long (more than 200 operations one after another)" && [ $rc -eq 2 ] \
  && pass "50,000-term sum: R128 at the 201st '+'" || fail "50,000-term sum (rc $rc): ${out:0:400}"

rule_with "$(rep 'not ' 10000)true" > "$tmp/not.rules"
out="$(timeout 60 "$bin" check --no-builtin --rules "$tmp/not.rules" "$report" 2>&1)"; rc=$?
has "$out" "not.rules:7:811: error: expression nested too deeply (more than 200 levels) [R127]" && [ $rc -eq 2 ] \
  && pass "10,000 nested 'not': R127" || fail "10,000 nested 'not' (rc $rc): ${out:0:400}"

rule_with "$(rep '-' 100000)1 < 0" > "$tmp/neg.rules"
out="$(timeout 60 "$bin" rules check "$tmp/neg.rules" 2>&1)"; rc=$?
has "$out" "[R127]" && [ $rc -eq 2 ] && pass "100,000 unary minus: R127" || fail "unary minus (rc $rc): ${out:0:400}"

rule_with "[$(rep '[' 30000)1$(rep ']' 30000)] != []" > "$tmp/list.rules"
out="$(timeout 60 "$bin" rules check "$tmp/list.rules" 2>&1)"; rc=$?
has "$out" "[R127]" && [ $rc -eq 2 ] && pass "30,000 nested lists: R127" || fail "nested lists (rc $rc): ${out:0:400}"

rule_with "document$(rep '.text' 30000) ~ /x/" > "$tmp/member.rules"
out="$(timeout 60 "$bin" rules check "$tmp/member.rules" 2>&1)"; rc=$?
has "$out" "[R128]" && [ $rc -eq 2 ] && pass "30,000 member accesses: R128" || fail "member chain (rc $rc): ${out:0:400}"

# at the limit: accepted and evaluated
rule_with "$(rep '(' 199)1$(rep ' + 1' 199)$(rep ')' 199) > 0" > "$tmp/ok.rules"
out="$(timeout 60 "$bin" check --no-builtin --rules "$tmp/ok.rules" "$report" 2>&1)"; rc=$?
[ $rc -eq 0 ] && ! has "$out" "[A-1]" && pass "199 parentheses and a 200-term sum: accepted, rule holds" \
  || fail "at the limit (rc $rc): ${out:0:400}"

# ---- C4: a [facts] override of nianbao.toml: the error names nianbao.toml's line and column
mkdir -p "$tmp/cfg" && cp "$report" "$tmp/cfg/r.txt"
{ printf '[facts]\ntown_deadline = "'; rep '(' 100000; printf 'date(year + 1, 3, 1)'; rep ')' 100000; printf '"\n'; } \
  > "$tmp/cfg/nianbao.toml"
out="$(cd "$tmp/cfg" && timeout 60 "$bin" check r.txt 2>&1)"; rc=$?
has "$out" "nianbao.toml:2:218:" && has "$out" "expression nested too deeply (more than 200 levels) [R127]" && [ $rc -eq 2 ] \
  && pass "100,000 parentheses in a [facts] override: R127 at nianbao.toml:2:218" \
  || fail "[facts] override (rc $rc): ${out:0:400}"

# ---- a chain of 5,000 facts: evaluation depth is bounded, the rule is not assessable
{ head_rules; echo "fact f0 = 1"; for i in $(seq 1 5000); do echo "fact f$i = f$((i - 1)) + 1"; done
  printf 'rule A-1 error "t" {\n  source "s"\n  require f5000 > 0\n  message "m"\n}\n'; } > "$tmp/facts.rules"
out="$(timeout 120 "$bin" check --no-builtin --rules "$tmp/facts.rules" "$report" 2>&1)"; rc=$?
has "$out" "[A-1]" && has "$out" "无法评估（未找到f5000（" && [ $rc -eq 0 ] \
  && pass "5,000 chained facts: not assessable (too deep)" || fail "fact chain (rc $rc): ${out:0:400}"

# ---- H1: catastrophic backtracking stops at the match limit
start=$(date +%s)
out="$(timeout 60 "$bin" check --no-builtin --rules "$data/catastrophic.rules" "$data/report_aaa_28.txt" 2>&1)"; rc=$?
secs=$(( $(date +%s) - start ))
has "$out" "t：无法评估（模式 /(a+)+\$/ 匹配超出时间或回溯限制） [A-1]" && [ $rc -eq 0 ] && [ $secs -le 10 ] \
  && has "$out" "catastrophic.rules:5:1: warning: the pattern /(a+)+\$/ stopped at the match time or backtracking limit on 1 report (" \
  && pass "catastrophic pattern: not assessable in ${secs}s, a warning at the rule's line" || fail "catastrophic pattern (rc $rc, ${secs}s): ${out:0:400}"

# ---- U1: dates out of range are missing values, never overflow
for f in date_overflow date_diff; do
  out="$(timeout 60 "$bin" check --no-builtin --rules "$data/$f.rules" "$report" 2>&1)"; rc=$?
  ! has "$out" "runtime error" && has "$out" "无法评估（" && has "$out" "年）" && [ $rc -eq 0 ] \
    && pass "$f: not assessable, no overflow" || fail "$f (rc $rc): ${out:0:400}"
done
exit $status
