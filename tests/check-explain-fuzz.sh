#!/usr/bin/env bash
# Fuzz the goroutine dump parser briefly with libFuzzer (clang,
# -fsanitize=fuzzer,address,undefined), seeded with the dump fixtures and
# pasted variants of them (tests/explain/damage).
# FUZZ_SECONDS overrides the run time (default 20). Fails when clang
# cannot build a fuzzer here (scripts/setup.sh installs clang and
# libclang-rt-dev).
set -u
cd "$(dirname "$0")/.."
REPO=$PWD
. tests/lib/fuzz.sh
# (the fuzzer is built with ASan+UBSan either way: the sanitized pass of
# make check runs it for less time)
secs=${FUZZ_SECONDS:-$([ "${SANITIZED:-0}" = 1 ] && echo 10 || echo 20)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
srcs="fuzz/fuzz_dump.c src/dump/parse.c src/dump/group.c src/dump/signatures.c src/dump/roles.c
      src/base/common.c src/base/strbuf.c src/base/arena.c src/base/strmap.c"
if ! command -v clang >/dev/null; then
  echo "FAIL clang is not installed (bash scripts/setup.sh installs it)"
  exit 1
fi
if ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
     >"$tmp/probe.c" || ! clang -fsanitize=fuzzer "$tmp/probe.c" -o "$tmp/probe" 2>/dev/null; then
  echo "FAIL clang cannot build libFuzzer targets here (bash scripts/setup.sh installs libclang-rt-dev)"
  exit 1
fi
# shellcheck disable=SC2086
if ! clang -std=c11 -g -O1 -Isrc -fsanitize=fuzzer,address,undefined \
     -fno-sanitize-recover=all $srcs -o "$tmp/fuzz_dump" 2>"$tmp/build.err"; then
  echo "FAIL cannot build fuzz/fuzz_dump.c:"
  cat "$tmp/build.err"
  exit 1
fi
mkdir -p "$tmp/corpus"
cp tests/explain/fixtures/*.txt "$tmp/corpus/"
# pasted variants of the fixtures, so the fuzzer starts from damaged input
# too: every form of tests/explain/damage, each on a few fixtures
if command -v go >/dev/null &&
   (cd tests/explain/damage && GO111MODULE=off GOFLAGS= go build -o "$tmp/damage" . 2>/dev/null); then
  fixtures=(tests/explain/fixtures/*.txt)
  i=0
  for form in $("$tmp/damage" -list); do
    for k in 0 1 2; do
      fx=${fixtures[$(( (i * 7 + k * 13) % ${#fixtures[@]} ))]}
      "$tmp/damage" "$form" $((i + k)) <"$fx" | head -c 16384 >"$tmp/corpus/$form-$k-$(basename "$fx")"
    done
    i=$((i + 1))
  done
else
  echo "note: go is not installed; the fuzz corpus holds no pasted variants"
fi
printf 'goroutine profile: total 3\n3 @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go:1\n\n' >"$tmp/corpus/count"
printf 'goroutine 1 [select]:\nmain.f()\n\t/a.go:1 +0x1\n' >"$tmp/corpus/stack"
cd "$tmp"
fuzz_run fuzz_dump corpus "$secs" 8192 || exit 1
echo "summary: $FUZZ_RUNS inputs in ${secs}s, no crash"
