#!/usr/bin/env bash
# Fuzz plumber lint briefly with libFuzzer (clang, ASan+UBSan): random and
# mutated Go sources, every rule on, seeded with the golden cases and the
# examples. FUZZ_SECONDS overrides the run time (default 20; 10 in the
# sanitized pass). Needs build/dep/*.o (make builds them first).
set -u
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-$([ "${SANITIZED:-0}" = 1 ] && echo 10 || echo 20)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v clang >/dev/null || { echo "FAIL clang is not installed (bash scripts/setup.sh installs it)"; exit 1; }
srcs=$(find src -name '*.c' ! -path src/main.c | sort)
# shellcheck disable=SC2086
if ! clang -std=c11 -g -O1 -Isrc -Inode_modules/tree-sitter/vendor/tree-sitter/lib/include \
     -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -pthread \
     fuzz/fuzz_lint.c $srcs build/dep/ts_lib.o build/dep/ts_go.o \
     -ljansson -lcurl -lm -o "$tmp/fuzz_lint" 2>"$tmp/build.err"; then
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
timeout $((secs + 60)) ./fuzz_lint -max_total_time="$secs" -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 corpus >fuzz.log 2>&1
rc=$?
runs=$(grep -m1 'stat::number_of_executed_units' fuzz.log | awk '{print $2}')
if [ $rc != 0 ]; then
  echo "FAIL the fuzzer found a crash (exit $rc):"
  grep -E 'ERROR|SUMMARY|Test unit written|#[0-9]+ 0x' fuzz.log | head -30
  mkdir -p "$OLDPWD/build/fuzz-crashes" && cp crash-* leak-* timeout-* "$OLDPWD/build/fuzz-crashes/" 2>/dev/null
  exit 1
fi
[ -n "$runs" ] && [ "$runs" -gt 0 ] || { echo "FAIL the fuzzer did not run"; tail -20 fuzz.log; exit 1; }
echo "summary: $runs inputs in ${secs}s from $n seeds, no crash"
