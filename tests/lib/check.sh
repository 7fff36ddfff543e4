# tests/lib/check.sh - the harness shared by the tests/check-*.sh scripts
# that count checks (sourced, from the repository's root).
#
#   PLUMBER           the binary under test (default build/plumber)
#   tmp               a scratch directory, removed at exit
#   jobs_started+=(PID)  background processes to kill at exit
#   ok / bad MSG      count a passed / failed check (bad prints "FAIL MSG")
#   expect DESC CMD...   the command must succeed
#   finish            print "summary: N passed, M failed" and exit
#   jsq FILE EXPR     the value of the JavaScript expression EXPR over r,
#                     the JSON in FILE (node is installed by scripts/setup.sh)
#   chromium_headless ARGS...  headless Chromium for the HTML reports: no
#                     sandbox, no background network, a fresh profile under
#                     $tmp, 60 s at most (--dump-dom, --screenshot...)
PLUMBER=${PLUMBER:-$(realpath build/plumber)}
tmp=$(mktemp -d)
jobs_started=()
cleanup() {
  local p
  for p in "${jobs_started[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
expect() { local d=$1; shift; if "$@"; then ok; else bad "$d"; fi; }
finish() { echo "summary: $pass passed, $fail failed"; [ "$fail" = 0 ]; exit $?; }
jsq() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); const v=('"$2"'); console.log(typeof v==="object"?JSON.stringify(v):v)' "$1" 2>/dev/null; }
chromium_headless() {
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$tmp")" "$@"
}
