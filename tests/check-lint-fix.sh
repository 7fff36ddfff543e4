#!/usr/bin/env bash
# Fix tests: tests/fix/<rule>/<case>/in/ is a Go module with leaks,
# want/ the same module as `plumber lint --fix` must leave it. For each
# case, on a copy of in/:
#   - `--diff` changes nothing, and its output applies with `git apply`
#     to give want/ byte for byte;
#   - `--fix` gives want/ byte for byte, and a second `--fix` changes nothing;
#   - the fixed module is gofmt-clean (when in/ was) and `go vet` passes
#     (it builds);
#   - plumber lints the fixed module clean for <rule> (with --tests), unless the case is
#     a trap (a file `remains` lists what must still be reported).
# A file `flags` in the case adds its words to every plumber run of it.
set -u
cd "$(dirname "$0")/fix"
PLUMBER=${PLUMBER:-$(realpath ../../build/plumber)}
export GOFLAGS=-mod=mod GOPROXY=off GOCACHE=${GOCACHE:-/tmp/plumber-gocache}
have_go=1
command -v go >/dev/null || have_go=0
fail=0 cases=0
for dir in */*/; do
  dir=${dir%/}
  rule=${dir%%/*}
  [ -d "$dir/in" ] || continue
  cases=$((cases + 1))
  read -r -a extra < <(cat "$dir/flags" 2>/dev/null; echo)
  tmp=$(mktemp -d)
  cp -r "$dir/in" "$tmp/fix"
  cp -r "$dir/in" "$tmp/diff"
  # --diff: changes nothing, applies to want/
  (cd "$tmp/diff" && "$PLUMBER" lint --tests --disable all --enable "$rule" "${extra[@]}" --diff . > ../patch 2>/dev/null)
  if ! diff -r "$dir/in" "$tmp/diff" >/dev/null; then
    echo "FAIL $dir: --diff changed files"; fail=1
  elif [ -s "$tmp/patch" ] && ! (cd "$tmp/diff" && git apply --unsafe-paths ../patch 2>"$tmp/apply.err"); then
    echo "FAIL $dir: --diff output does not apply: $(head -1 "$tmp/apply.err")"; fail=1
  elif ! diff -r "$dir/want" "$tmp/diff" >/dev/null; then
    echo "FAIL $dir: --diff applied differs from want/"; diff -r "$dir/want" "$tmp/diff" | sed 's/^/    /' | head -20; fail=1
  fi
  # --fix: in place, idempotent
  (cd "$tmp/fix" && "$PLUMBER" lint --tests --disable all --enable "$rule" "${extra[@]}" --fix . > "$tmp/fix.out" 2>&1)
  if ! diff -r "$dir/want" "$tmp/fix" >/dev/null; then
    echo "FAIL $dir: --fix differs from want/"; diff -r "$dir/want" "$tmp/fix" | sed 's/^/    /' | head -20; fail=1
  else
    cp -r "$tmp/fix" "$tmp/again"
    (cd "$tmp/again" && "$PLUMBER" lint --tests --disable all --enable "$rule" "${extra[@]}" --fix . >/dev/null 2>&1)
    diff -r "$tmp/fix" "$tmp/again" >/dev/null || { echo "FAIL $dir: a second --fix changed files"; fail=1; }
  fi
  # gofmt-clean, builds
  if [ $have_go = 1 ]; then
    if [ -z "$(cd "$dir/in" && gofmt -l .)" ] && [ -n "$(cd "$tmp/fix" && gofmt -l .)" ]; then
      echo "FAIL $dir: the fixed files are not gofmt-clean: $(cd "$tmp/fix" && gofmt -l . | tr '\n' ' ')"; fail=1
    fi
    (cd "$tmp/fix" && go vet ./... >"$tmp/vet.out" 2>&1) ||
      { echo "FAIL $dir: the fixed module does not pass go vet"; sed 's/^/    /' "$tmp/vet.out" | head; fail=1; }
  fi
  # what remains
  left=$(cd "$tmp/fix" && "$PLUMBER" lint --tests --disable all --enable "$rule" "${extra[@]}" . 2>/dev/null)
  want_left=$(cat "$dir/remains" 2>/dev/null)
  if [ "$left" != "$want_left" ]; then
    echo "FAIL $dir: after --fix, lint reports:"; printf '%s\n' "$left" | sed 's/^/    /'; fail=1
  fi
  rm -rf "$tmp"
done
[ $cases = 0 ] && { echo "no fix cases found"; exit 1; }
echo "summary: $cases fix cases"
exit $fail
