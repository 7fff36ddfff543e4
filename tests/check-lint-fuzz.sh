#!/usr/bin/env bash
# Fuzz plumber lint briefly with libFuzzer (clang, ASan+UBSan): random and
# mutated Go sources, every rule on, seeded with the golden cases and the
# examples. FUZZ_SECONDS overrides the run time (default 20; 10 in the
# sanitized pass). Needs build/dep/*.o (make builds them first).
set -u
cd "$(dirname "$0")/.."
REPO=$PWD
. tests/lib/fuzz.sh
secs=${FUZZ_SECONDS:-$([ "${SANITIZED:-0}" = 1 ] && echo 10 || echo 20)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v clang >/dev/null || { echo "FAIL clang is not installed (bash scripts/setup.sh installs it)"; exit 1; }
srcs=$(find src -name '*.c' ! -path src/main.c | sort)
# shellcheck disable=SC2086
if ! clang -std=c11 -g -O1 -Isrc -Inode_modules/tree-sitter/vendor/tree-sitter/lib/include \
     -Inode_modules/tree-sitter/vendor/tree-sitter/lib/src \
     -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -pthread \
     fuzz/fuzz_lint.c $srcs build/dep/ts_lib.o build/dep/ts_go.o \
     -ljansson -lyaml -lm -ldl -o "$tmp/fuzz_lint" 2>"$tmp/build.err"; then
  echo "FAIL cannot build fuzz/fuzz_lint.c (bash scripts/setup.sh installs libclang-rt-dev):"
  head -20 "$tmp/build.err"
  exit 1
fi
mkdir -p "$tmp/corpus"
n=0
for f in $(find tests/lint examples -name '*.go' | sort); do
  cp "$f" "$tmp/corpus/seed$n.go"
  n=$((n + 1))
done
cd "$tmp"
fuzz_run fuzz_lint corpus "$secs" 4096 || exit 1
echo "summary: $FUZZ_RUNS inputs in ${secs}s from $n seeds, no crash"
