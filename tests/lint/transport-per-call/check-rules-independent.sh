#!/usr/bin/env bash
# transport-per-call relies on the package's call graph (facts.h), which
# must not depend on which rules are enabled (the engine parses a
# different set of files for each set of rules). For every case here,
# and for any directories given as arguments, its findings must be the
# same with only transport-per-call enabled and with `--enable all`, with
# and without test files.
set -u
cd "$(dirname "$0")"
PLUMBER=${PLUMBER:-$(realpath ../../../build/plumber)}
fail=0 n=0
dirs=("$@")
[ ${#dirs[@]} = 0 ] && dirs=(*/)
for dir in "${dirs[@]}"; do
  for tests in "" --no-tests; do
    only=$(cd "$dir" && "$PLUMBER" lint ${tests:+$tests} --disable all --enable transport-per-call -j1 ./... 2>/dev/null)
    all=$(cd "$dir" && "$PLUMBER" lint ${tests:+$tests} --enable all -j1 ./... 2>/dev/null | grep ': transport-per-call: ')
    n=$((n + 1))
    if [ "$only" != "$all" ]; then
      echo "FAIL $dir (${tests:-with tests}): findings differ with --enable all"
      diff <(printf '%s\n' "$only") <(printf '%s\n' "$all") | sed 's/^/    /'
      fail=1
    fi
  done
done
echo "summary: $n runs compared"
exit $fail
