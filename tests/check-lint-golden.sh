#!/usr/bin/env bash
# Golden tests: tests/lint/<rule>/<case>/ holds .go files and `expected`,
# the text output of `plumber lint --tests` with only <rule> enabled, run
# inside the case directory (--tests: a case's _test.go files are checked
# like the rest; the default policy for test files has its own CLI tests).
# Each case runs without the cache at -j1 and -j8, then with an empty cache
# and again with it filled (the second run replays it): all four must print
# the same bytes, and the exit code must be 1 exactly when something is
# expected. With --update, rewrite every `expected` instead.
set -u
cd "$(dirname "$0")/lint"
PLUMBER=${PLUMBER:-$(realpath ../../build/plumber)}
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
update=0
[ "${1:-}" = --update ] && update=1
fail=0 cases=0 findings=0
for dir in */*/; do
  dir=${dir%/}
  rule=${dir%%/*}
  [ -d "$dir" ] || continue
  cases=$((cases + 1))
  out=$(cd "$dir" && "$PLUMBER" lint --no-cache --tests --disable all --enable "$rule" -j1 . 2>&1)
  rc=$?
  if [ $update = 1 ]; then
    printf '%s\n' "$out" | sed '/^$/d' > "$dir/expected"
    continue
  fi
  want=$(cat "$dir/expected" 2>/dev/null)
  if [ "$out" != "$want" ]; then
    echo "FAIL $dir: output differs"
    diff <(printf '%s\n' "$want") <(printf '%s\n' "$out") | sed 's/^/    /'
    fail=1
    continue
  fi
  n=$(printf '%s' "$want" | grep -c . || true)
  findings=$((findings + n))
  if { [ "$n" = 0 ] && [ $rc != 0 ]; } || { [ "$n" != 0 ] && [ $rc != 1 ]; }; then
    echo "FAIL $dir: exit $rc with $n expected findings"
    fail=1
  fi
  out8=$(cd "$dir" && "$PLUMBER" lint --no-cache --tests --disable all --enable "$rule" -j8 . 2>&1)
  if [ "$out8" != "$out" ]; then
    echo "FAIL $dir: -j8 output differs from -j1"
    fail=1
  fi
  for pass in cold warm; do
    outc=$(cd "$dir" && "$PLUMBER" lint --cache "$cache/$rule" --tests --disable all --enable "$rule" . 2>&1)
    rcc=$?
    if [ "$outc" != "$out" ] || [ $rcc != $rc ]; then
      echo "FAIL $dir: with the cache ($pass) the output or exit code differs"
      diff <(printf '%s\n' "$out") <(printf '%s\n' "$outc") | sed 's/^/    /'
      fail=1
    fi
  done
done
[ $update = 1 ] && { echo "updated $cases cases"; exit 0; }
[ $cases = 0 ] && { echo "no golden cases found"; exit 1; }
echo "summary: $cases cases, $findings findings"
exit $fail
