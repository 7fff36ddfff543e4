#!/usr/bin/env bash
# Golden tests of the control-flow graph (src/lint/flow.c): for each
# tests/flow/<name>.go, `plumber lint --dump-flow` must print exactly
# tests/flow/<name>.expected (blocks, their elements with lines, edges with
# T/F on two-way branches). With --update, rewrite the expected files.
set -u
cd "$(dirname "$0")/flow"
PLUMBER=${PLUMBER:-$(realpath ../../build/plumber)}
update=0
[ "${1:-}" = --update ] && update=1
fail=0 n=0
for f in *.go; do
  n=$((n + 1))
  out=$("$PLUMBER" lint --disable all --dump-flow "$f" 2>&1)
  if [ $update = 1 ]; then
    printf '%s\n' "$out" > "${f%.go}.expected"
    continue
  fi
  if [ "$out" != "$(cat "${f%.go}.expected")" ]; then
    echo "FAIL $f: the flow graph differs"
    diff <(cat "${f%.go}.expected") <(printf '%s\n' "$out") | sed 's/^/    /'
    fail=1
  fi
done
[ $update = 1 ] && { echo "updated $n graphs"; exit 0; }
echo "summary: $n graphs"
exit $fail
