#!/usr/bin/env bash
# DESIGN.md: gcc and clang both build plumber warning-free. make check
# builds with cc (gcc); this compiles every source file with clang too
# (syntax and warnings only, the Makefile's flags, -Werror).
set -u
cd "$(dirname "$0")/.."
command -v clang >/dev/null || { echo "FAIL clang is not installed (bash scripts/setup.sh --test installs it)"; exit 1; }
flags=$(make -s -f Makefile print-cflags 2>/dev/null)
[ -n "$flags" ] || { echo "FAIL cannot read the Makefile's flags (make print-cflags)"; exit 1; }
fail=0 n=0
for f in $(find src tests/unit fuzz bench -name '*.c' | sort); do
  n=$((n + 1))
  # shellcheck disable=SC2086
  if ! out=$(clang $flags -fsyntax-only "$f" 2>&1) || [ -n "$out" ]; then
    echo "FAIL $f:"
    printf '%s\n' "$out" | head -20
    fail=1
  fi
done
echo "summary: $n files, clang $(clang -dumpversion)"
exit $fail
