# tests/lib/fuzz.sh - shared by the tests/check-*-fuzz.sh scripts (sourced).
#
# fuzz_run BINARY CORPUS SECONDS MAX_LEN
#   Run the libFuzzer BINARY (in the current directory) on CORPUS for
#   SECONDS, inputs up to MAX_LEN bytes. Prints "FAIL ..." with the crash
#   (copied to build/fuzz-crashes/ of the repository) and returns 1, or
#   sets FUZZ_RUNS to the number of inputs tried and returns 0.
fuzz_run() {
  local bin=$1 corpus=$2 secs=$3 max_len=$4 rc
  timeout $((secs + 60)) "./$bin" -max_total_time="$secs" -max_len="$max_len" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 "$corpus" >fuzz.log 2>&1
  rc=$?
  FUZZ_RUNS=$(grep -m1 'stat::number_of_executed_units' fuzz.log | awk '{print $2}')
  if [ $rc != 0 ]; then
    echo "FAIL the fuzzer found a crash (exit $rc):"
    grep -E 'ERROR|SUMMARY|Test unit written|#[0-9]+ 0x' fuzz.log | head -30
    mkdir -p "$REPO/build/fuzz-crashes" && cp crash-* leak-* timeout-* "$REPO/build/fuzz-crashes/" 2>/dev/null
    return 1
  fi
  if [ -z "$FUZZ_RUNS" ] || [ "$FUZZ_RUNS" -le 0 ]; then
    echo "FAIL the fuzzer did not run"
    tail -20 fuzz.log
    return 1
  fi
  return 0
}
