#!/usr/bin/env bash
# Rule tests: `nianbao test rules/tests` with the rules of the source tree,
# plus two guards: every shipped rule is expected somewhere in rules/tests, and
# a deliberately wrong expectation is caught and reported with file and line.
set -uo pipefail
bin="$1"; root="$2"
cd "$root"
status=0
"$bin" test rules/tests --rules rules || status=1

for id in $("$bin" rules list --rules rules | awk '/^[A-Z]/ {print $1}'); do
  if ! grep -qE "^expect $id( |$)" rules/tests/*.expect; then
    echo "FAIL: rule $id has no rule test (no 'expect $id' in rules/tests/*.expect)"
    status=1
  fi
done

out="$("$bin" test tests/data/ruletests-wrong --rules rules)"; rc=$?
if [ $rc -ne 1 ] || ! grep -q "wrong.expect:2: expected PUB-01 at line 412" <<<"$out"; then
  echo "FAIL: a wrong expectation was not reported as such (exit $rc):"; echo "$out"
  status=1
else
  echo "PASS a wrong expectation is caught: $(grep -m1 'wrong.expect:2' <<<"$out" | sed 's/^ *//')"
fi
out="$("$bin" test tests/data/ruletests-todo --rules rules)"; rc=$?
if [ $rc -ne 1 ] || ! grep -q "fixed.expect:3: todo fixed: PUB-01 now appears" <<<"$out" \
   || ! grep -q "PASS tests/data/ruletests-todo/open.expect" <<<"$out" || ! grep -q "(1 todo still open)" <<<"$out"; then
  echo "FAIL: todo directives (exit $rc):"; echo "$out"
  status=1
else
  echo "PASS todo: an open todo passes, a fixed one fails: $(grep -m1 'todo fixed' <<<"$out" | sed 's/^ *//')"
fi
exit $status
