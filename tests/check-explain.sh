#!/usr/bin/env bash
# plumber explain, end to end.
#  1. tests/explain/leaker (Go, standard library only) reproduces each leak
#     for real on loopback and writes runtime.Stack, debug=1 and debug=2
#     dumps; explain must name exactly the expected kinds in each, and
#     nothing in a healthy program's dumps.
#  2. tests/explain/fixtures/*.txt: formats Go 1.19 cannot print, and
#     pastes (paste-*.txt, made from leaker dumps by
#     tests/explain/make-paste-fixtures.sh); each begins with
#     "# expect: format=F total=N kinds=K,... roles=R:N,... exit=E".
#  3. pastes made now: tests/explain/damage damages the leaker's dumps as
#     pasting does; explain must read each as the clean dump; go tool
#     pprof -traces of the same profile reads as its debug=1.
#  4. truncation, --aggressive, --diff, --pprof (live, hanging, garbage,
#     refused), JSON shape, 80 columns, colour, errors, a 64 MiB dump.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
PLUMBER=${PLUMBER:-$ROOT/build/plumber}
SANITIZED=${SANITIZED:-0}
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
fail=0 checks=0
ok() { checks=$((checks + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); checks=$((checks + 1)); }

command -v go >/dev/null || { echo "FAIL go is not installed (scripts/setup.sh installs golang-go)"; exit 1; }
command -v jq >/dev/null || { echo "FAIL jq is not installed"; exit 1; }

# kinds diagnosed in a JSON report, sorted, comma-separated
kinds_of() { jq -r '[.groups[].diagnosis.kind | select(.)] | unique | join(",")' "$1"; }

# every line of a text report fits 80 columns
check_width() {
  local long
  long=$(awk 'length($0) > 80' "$1" | head -1)
  [ -z "$long" ] && ok || bad "$2: line over 80 columns: $long"
}

# ---------------------------------------------------------------- Go dumps
(cd tests/explain/leaker && GO111MODULE=off GOFLAGS= timeout 120 go build -o "$tmp/leaker" .) \
  || { echo "FAIL cannot build tests/explain/leaker"; exit 1; }

declare -A want=(
  [unclosed-body]=unclosed-body
  [idle-conn-growth]=idle-conn-growth
  [stuck-write]=stuck-write
  [hung-request]=hung-request
  [blocked-goroutines]=blocked-goroutines
  [h2-unclosed-body]=stuck-write,unclosed-body
  [timer-select]=
  [healthy]=
  [body-read]=
  [pool-in-flight]=
)
for mode in "${!want[@]}"; do
  dir=$tmp/$mode
  mkdir -p "$dir"
  if ! timeout 30 "$tmp/leaker" -out "$dir" "$mode" 2>"$dir/leaker.err"; then
    bad "$mode: leaker failed: $(cat "$dir/leaker.err")"
    continue
  fi
  for f in stack debug1 debug2; do
    "$PLUMBER" explain -f json "$dir/$f.txt" >"$dir/$f.json" 2>"$dir/$f.err"
    rc=$?
    got=$(kinds_of "$dir/$f.json")
    exp=$([ -n "${want[$mode]}" ] && echo 1 || echo 0)
    if [ "$got" != "${want[$mode]}" ]; then
      bad "$mode/$f: kinds '$got', want '${want[$mode]}'"
    elif [ $rc != "$exp" ]; then
      bad "$mode/$f: exit $rc, want $exp"
    else
      ok
    fi
    fmt=$(jq -r .format "$dir/$f.json")
    case $f in debug1) wf=count ;; *) wf=stacks ;; esac
    [ "$fmt" = $wf ] && ok || bad "$mode/$f: format '$fmt', want $wf"
    [ -s "$dir/$f.err" ] && bad "$mode/$f: unexpected stderr: $(cat "$dir/$f.err")"
    "$PLUMBER" explain "$dir/$f.txt" >"$dir/$f.out" 2>&1
    check_width "$dir/$f.out" "$mode/$f"
    for k in ${want[$mode]//,/ }; do
      grep -q "^$k: [0-9]* goroutine" "$dir/$f.out" && ok || bad "$mode/$f: text does not name $k"
    done
  done
  # the three dumps of one moment agree on the goroutine count
  # (a transient goroutine may come or go between them)
  t1=$(jq .total "$dir/stack.json") t2=$(jq .total "$dir/debug2.json")
  [ "$t1" -gt 0 ] && [ $((t1 - t2)) -le 3 ] && [ $((t2 - t1)) -le 3 ] && ok \
    || bad "$mode: totals differ: stack $t1, debug2 $t2"
done

# the place to look is the user's code: the worker that blocks sending
jq -e '.groups[0].frames[0].func == "main.askWithTimeout.func1" and .groups[0].count == 40' \
  "$tmp/blocked-goroutines/debug2.json" >/dev/null && ok || bad "blocked-goroutines: top group is not the 40 senders"
grep -q "look here: .*leaker/main.go:[0-9]" "$tmp/blocked-goroutines/debug2.out" && ok \
  || bad "blocked-goroutines: text shows no user frame to look at"
jq -e '[.groups[] | select(.diagnosis.kind == "unclosed-body") | .count] == [20, 20]' \
  "$tmp/unclosed-body/debug2.json" >/dev/null && ok || bad "unclosed-body: want 20 readLoop + 20 writeLoop"
jq -e '[.groups[] | select(.diagnosis.kind == "unclosed-body")][0].created_by == "net/http.(*Transport).dialConn"' \
  "$tmp/unclosed-body/debug2.json" >/dev/null && ok || bad "unclosed-body: creator not read"

# JSON shape, exactly as DESIGN.md
jq -e '(keys == ["format","groups","total","version"]) and .version == 1 and
       all(.groups[]; (keys == ["count","created_by","diagnosis","frames","role","state","wait_minutes"])
         and (.role == null or (.role | type == "string"))
         and (.wait_minutes | length == 2)
         and all(.frames[]; keys == ["file","func","line"])
         and (.diagnosis == null or (.diagnosis | keys == ["fix","kind","lint_rule","summary"])))' \
  "$tmp/unclosed-body/debug2.json" >/dev/null && ok || bad "json shape differs from DESIGN.md"

# ---------------------------------------------------------------- fixtures
# Each fixture begins with "# expect: KEY=VALUE ...": format, total, kinds,
# exit, state (every group's, or sleep), roles, warn (a stderr substring;
# without it stderr must be empty), look (the first "look here:" holds
# it); in state and warn "_" stands for a space. Keys left out are not
# checked.
for fx in tests/explain/fixtures/*.txt; do
  name=$(basename "$fx")
  line=$(grep -m1 '^# expect:' "$fx")
  get() { printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  get_words() { get "$1" | tr _ ' '; }
  has() { printf '%s\n' "$line" | tr ' ' '\n' | grep -q "^$1="; }
  "$PLUMBER" explain -f json "$fx" >"$tmp/fx.json" 2>"$tmp/fx.err"
  rc=$?
  [ "$rc" = "$(get exit)" ] && ok || bad "$name: exit $rc, want $(get exit): $(cat "$tmp/fx.err")"
  [ "$rc" = 2 ] && continue
  # one jq for all: format, total, kinds, roles, the distinct states
  IFS='|' read -r g_format g_total g_kinds g_roles g_states < <(jq -r '[.format, .total,
      ([.groups[].diagnosis.kind | select(.)] | unique | join(",")),
      ([.groups[] | select(.role) | {role, count}] | group_by(.role) | map("\(.[0].role):\(map(.count) | add)") | join(",")),
      ([.groups[].state // "null" | select(. != "sleep")] | unique | join(","))] | map(tostring) | join("|")' "$tmp/fx.json")
  for k in format total kinds roles; do
    has $k || continue
    v=g_$k
    [ "${!v}" = "$(get $k)" ] && ok || bad "$name: $k '${!v}', want '$(get $k)'"
  done
  st=$(get_words state)
  if [ -n "$st" ]; then
    [ "$g_states" = "$st" ] && ok || bad "$name: states $g_states, want $st"
  fi
  if has warn; then
    grep -qF "$(get_words warn)" "$tmp/fx.err" && ok || bad "$name: stderr lacks '$(get_words warn)': $(cat "$tmp/fx.err")"
  else
    [ -s "$tmp/fx.err" ] && bad "$name: unexpected stderr: $(cat "$tmp/fx.err")" || ok
  fi
  "$PLUMBER" explain "$fx" >"$tmp/fx.out" 2>/dev/null
  check_width "$tmp/fx.out" "$name"
  if has look; then
    grep -m1 'look here:' "$tmp/fx.out" | grep -qF "$(get look)" && ok \
      || bad "$name: look here is '$(grep -m1 'look here:' "$tmp/fx.out")', want $(get look)"
  fi
done
fxd=tests/explain/fixtures
jq -e '[.groups[] | select(.frames[0].func == "main.deep")][0].wait_minutes == [2,2]' \
  <("$PLUMBER" explain -f json $fxd/go121-created-in-goroutine.txt) >/dev/null && ok || bad "go1.21: wait minutes not read"
jq -e '.groups[0].created_by == "net/http.(*Transport).dialConn"' \
  <("$PLUMBER" explain -f json $fxd/go121-created-in-goroutine.txt) >/dev/null && ok || bad "go1.21: 'in goroutine N' not stripped from the creator"
jq -e '[.groups[] | select(.state == "sync.Mutex.Lock")][0] | .count == 25 and .wait_minutes == [10,12] and .frames[0].func == "sync.runtime_SemacquireMutex"' \
  <("$PLUMBER" explain -f json $fxd/go122-sigquit.txt) >/dev/null && ok || bad "sigquit: runtime frames not folded or wait range wrong"

# ---------------------------------------------------------------- pastes
(cd tests/explain/damage && GO111MODULE=off GOFLAGS= timeout 120 go build -o "$tmp/damage" .) \
  || { echo "FAIL cannot build tests/explain/damage"; exit 1; }
# every form that loses nothing must give the clean dump's JSON, byte for
# byte, and nothing on stderr
lossless=$("$tmp/damage" -list | grep -vxE 'cut|leakcheck|instances|goleak|grpc')
i=0
for src in unclosed-body/debug2 hung-request/debug1 pool-in-flight/stack; do
  "$PLUMBER" explain -f json "$tmp/$src.txt" >"$tmp/clean.json" 2>/dev/null
  for form in $lossless; do
    i=$((i + 1))
    "$tmp/damage" "$form" $i <"$tmp/$src.txt" >"$tmp/pasted.txt"
    "$PLUMBER" explain -f json "$tmp/pasted.txt" >"$tmp/pasted.json" 2>"$tmp/pasted.err"
    if cmp -s "$tmp/clean.json" "$tmp/pasted.json" && [ ! -s "$tmp/pasted.err" ]; then
      ok
    else
      bad "paste form $form (seed $i) of $src reads differently: $(head -c 300 "$tmp/pasted.err")"
      cp "$tmp/pasted.txt" "$ROOT/build/paste-$form.txt" 2>/dev/null
    fi
  done
done
# test output with no headers or other headers: the same goroutines and roles
for src in unclosed-body/debug2 pool-in-flight/debug2 body-read/debug2; do
  "$PLUMBER" explain -f json "$tmp/$src.txt" >"$tmp/clean.json" 2>/dev/null
  want=$(jq -c '[.total, ([.groups[] | select(.role) | {role, count}] | group_by(.role) | map([.[0].role, (map(.count) | add)]))]' "$tmp/clean.json")
  for form in leakcheck instances goleak grpc; do
    "$tmp/damage" "$form" <"$tmp/$src.txt" | "$PLUMBER" explain -f json - >"$tmp/pasted.json" 2>"$tmp/pasted.err"
    got=$(jq -c '[.total, ([.groups[] | select(.role) | {role, count}] | group_by(.role) | map([.[0].role, (map(.count) | add)]))]' "$tmp/pasted.json")
    [ "$got" = "$want" ] && [ ! -s "$tmp/pasted.err" ] && ok || bad "$form of $src: $got, want $want $(cat "$tmp/pasted.err")"
  done
done
# cuts anywhere: never an error, never more than the whole
for src in unclosed-body/debug2 hung-request/debug1 idle-conn-growth/stack; do
  whole=$("$PLUMBER" explain -f json "$tmp/$src.txt" 2>/dev/null | jq .total)
  for seed in 1 2 3 4 5; do
    "$tmp/damage" cut $seed <"$tmp/$src.txt" | "$PLUMBER" explain -f json - >"$tmp/cut.json" 2>/dev/null
    rc=$?
    t=$(jq .total "$tmp/cut.json" 2>/dev/null)
    [ $rc -le 1 ] && [ -n "$t" ] && [ "$t" -le "$whole" ] && ok || bad "cut $seed of $src: exit $rc, total $t of $whole"
  done
done
# go tool pprof -traces of the same profile (debug=0): one function a line
for mode in unclosed-body hung-request; do
  if go tool pprof -traces "$tmp/leaker" "$tmp/$mode/debug0.pb.gz" >"$tmp/traces.txt" 2>/dev/null; then
    "$PLUMBER" explain -f json "$tmp/traces.txt" >"$tmp/traces.json" 2>"$tmp/traces.err"
    a=$(jq -c '[.total, ([.groups[].diagnosis.kind | select(.)] | unique), ([.groups[] | select(.role) | {role, count}] | group_by(.role) | map([.[0].role, (map(.count) | add)]))]' "$tmp/traces.json")
    b=$(jq -c '[.total, ([.groups[].diagnosis.kind | select(.)] | unique), ([.groups[] | select(.role) | {role, count}] | group_by(.role) | map([.[0].role, (map(.count) | add)]))]' "$tmp/$mode/debug1.json")
    [ "$a" = "$b" ] && [ ! -s "$tmp/traces.err" ] && ok || bad "pprof -traces of $mode: $a, debug=1 $b $(cat "$tmp/traces.err")"
  else
    bad "go tool pprof -traces failed on $mode"
  fi
done

# a -trimpath build: frames read runtime/pprof/pprof.go; the place to look
# is the user's code all the same
(cd tests/explain/leaker && GO111MODULE=off GOFLAGS= timeout 120 go build -trimpath -o "$tmp/leaker-trim" .) \
  || bad "cannot build the leaker with -trimpath"
mkdir -p "$tmp/trim"
if timeout 30 "$tmp/leaker-trim" -out "$tmp/trim" blocked-goroutines 2>/dev/null; then
  "$PLUMBER" explain "$tmp/trim/debug2.txt" >"$tmp/trim.out" 2>&1
  grep -m1 "look here:" "$tmp/trim.out" | grep -q "leaker/main.go:[0-9]" && ok \
    || bad "-trimpath: look here is $(grep -m1 'look here:' "$tmp/trim.out")"
  [ "$("$PLUMBER" explain -f json "$tmp/trim/debug1.txt" | kinds_of /dev/stdin)" = blocked-goroutines ] && ok \
    || bad "-trimpath debug=1: kinds differ"
else
  bad "-trimpath leaker failed"
fi

# ---------------------------------------------------------------- truncation
src=$tmp/unclosed-body/debug2.txt
size=$(wc -c <"$src")
cut=$((size * 2 / 3))
# cut inside a line (a cut between two lines of a frame cannot be seen, nor
# one inside a file:line's +0x offset: `+0x3` may be all of it)
while [ "$(head -c $cut "$src" | tail -c 1 | od -An -c | tr -d ' ')" = '\n' ] ||
      head -c $cut "$src" | tail -n 1 | grep -q ' +0x'; do cut=$((cut - 3)); done
head -c $cut "$src" >"$tmp/cut.txt"
"$PLUMBER" explain -f json "$tmp/cut.txt" >"$tmp/cut.json" 2>"$tmp/cut.err"
rc=$?
grep -q "cut short" "$tmp/cut.err" && ok || bad "truncated dump: no warning on stderr"
[ $rc = 1 ] && [ "$(jq .total "$tmp/cut.json")" -lt "$(jq .total "$tmp/unclosed-body/debug2.json")" ] && ok \
  || bad "truncated dump: exit $rc, or nothing read up to the cut"
"$PLUMBER" explain -f json "$tmp/unclosed-body/debug2.txt" 2>"$tmp/full.err" >/dev/null
[ -s "$tmp/full.err" ] && bad "complete dump warned: $(cat "$tmp/full.err")" || ok

# ---------------------------------------------------------------- --aggressive
printf 'goroutine 1 [chan send]:\nmain.f()\n\t/x/main.go:10 +0x1\n\ngoroutine 2 [chan send]:\nmain.f()\n\t/x/main.go:11 +0x1\n' >"$tmp/aggr.txt"
[ "$("$PLUMBER" explain -f json "$tmp/aggr.txt" | jq '.groups | length')" = 2 ] && ok || bad "different lines must be different groups"
[ "$("$PLUMBER" explain -f json --aggressive "$tmp/aggr.txt" | jq '.groups | length')" = 1 ] && ok || bad "--aggressive must merge lines of the same functions"

# ---------------------------------------------------------------- --diff
mkdir -p "$tmp/before" "$tmp/after"
timeout 30 "$tmp/leaker" -out "$tmp/before" -n 5 unclosed-body && timeout 30 "$tmp/leaker" -out "$tmp/after" -n 20 unclosed-body \
  || bad "leaker failed for --diff"
"$PLUMBER" explain --diff -f json "$tmp/before/debug2.txt" "$tmp/after/debug2.txt" >"$tmp/diff.json"
rc=$?
[ $rc = 1 ] && jq -e '[.grown[] | select(.diagnosis.kind == "unclosed-body") | .growth] == [15, 15] and .before.total < .after.total' \
  "$tmp/diff.json" >/dev/null && ok || bad "--diff: exit $rc, $(jq -c '[.grown[] | [.growth, .frames[0].func]]' "$tmp/diff.json")"
"$PLUMBER" explain --diff "$tmp/before/debug1.txt" "$tmp/after/debug1.txt" >"$tmp/diff.out"
grep -q '^  +15 (5 -> 20)' "$tmp/diff.out" && ok || bad "--diff text: $(head -5 "$tmp/diff.out")"
check_width "$tmp/diff.out" "--diff"
"$PLUMBER" explain --diff "$tmp/after/debug2.txt" "$tmp/after/debug2.txt" >"$tmp/same.out"
rc=$?
[ $rc = 0 ] && grep -q "no group grew" "$tmp/same.out" && ok || bad "--diff of a dump with itself: exit $rc"
"$PLUMBER" explain --diff "$tmp/after/debug2.txt" >/dev/null 2>&1
[ $? = 2 ] && ok || bad "--diff with one dump must exit 2"

# ---------------------------------------------------------------- --pprof
serve() { # serve MODE -> sets addr
  rm -f "$tmp/addr"
  timeout 60 "$tmp/leaker" -listen "$tmp/addr" "$1" &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$tmp/addr" ] && break; sleep 0.05; done
  addr=$(cat "$tmp/addr" 2>/dev/null)
}
serve pprof
"$PLUMBER" explain -f json --pprof "http://$addr" >"$tmp/pprof.json" 2>"$tmp/pprof.err"
rc=$?
[ $rc = 1 ] && [ "$(kinds_of "$tmp/pprof.json")" = unclosed-body ] && ok || bad "--pprof live: exit $rc $(cat "$tmp/pprof.err")"
"$PLUMBER" explain --pprof "$addr/" >/dev/null 2>&1
[ $? = 1 ] && ok || bad "--pprof without scheme or with a trailing slash"
serve hang
start=$(date +%s)
"$PLUMBER" explain --pprof "http://$addr" --timeout 2 >/dev/null 2>"$tmp/hang.err"
rc=$?
took=$(($(date +%s) - start))
[ $rc = 2 ] && [ $took -le 10 ] && grep -q "did not answer within 2 seconds" "$tmp/hang.err" && ok \
  || bad "--pprof hanging endpoint: exit $rc after ${took}s: $(cat "$tmp/hang.err")"
serve garbage
"$PLUMBER" explain --pprof "http://$addr" >/dev/null 2>"$tmp/garbage.err"
rc=$?
[ $rc = 2 ] && grep -q "no goroutine dump found" "$tmp/garbage.err" && ok || bad "--pprof garbage: exit $rc: $(cat "$tmp/garbage.err")"
"$PLUMBER" explain --pprof "http://127.0.0.1:1" --timeout 3 >/dev/null 2>"$tmp/refused.err"
[ $? = 2 ] && grep -q "cannot fetch" "$tmp/refused.err" && ok || bad "--pprof refused: $(cat "$tmp/refused.err")"
"$PLUMBER" explain --pprof "ftp://127.0.0.1/x" >/dev/null 2>&1
[ $? = 2 ] && ok || bad "--pprof with a non-http URL must exit 2"

# ---------------------------------------------------------------- CLI
"$PLUMBER" explain --help >"$tmp/help.out"
[ $? = 0 ] && grep -q -- "--pprof URL" "$tmp/help.out" && grep -q -- "--aggressive" "$tmp/help.out" && ok || bad "--help"
"$PLUMBER" explain "$tmp/no-such-file" 2>/dev/null; [ $? = 2 ] && ok || bad "missing file must exit 2"
"$PLUMBER" explain -f xml "$src" 2>/dev/null; [ $? = 2 ] && ok || bad "unknown format must exit 2"
: >"$tmp/empty.txt"
"$PLUMBER" explain "$tmp/empty.txt" 2>/dev/null; [ $? = 2 ] && ok || bad "empty input must exit 2"
"$PLUMBER" explain - <"$src" >/dev/null; [ $? = 1 ] && ok || bad "stdin"
grep -q $'\033' "$tmp/unclosed-body/debug2.out" && bad "colour when not on a terminal" || ok
"$PLUMBER" explain --color=always "$src" | grep -q $'\033\[' && ok || bad "--color=always gives no colour"

# ---------------------------------------------------------------- size
# 100k goroutines, about 64 MiB, in a few hundred groups
awk 'BEGIN {
  for (i = 0; i < 100000; i++) {
    g = i % 300
    printf "goroutine %d [chan receive, %d minutes]:\n", i + 1, i % 7
    printf "main.worker%d(0xc000%06x, {0xc0001, 0x10}, 0x0?)\n\t/home/dev/big/work%d.go:%d +0x%x\n", g, i, g % 10, 40 + g, g
    for (k = 0; k < 4; k++)
      printf "example.com/big/pkg%d.(*Stage%d).Run(0xc000%06x, {0xc000123456, 0x20}, 0x1)\n\t/home/dev/big/pkg%d/stage_with_a_long_name_%d.go:%d +0x%x\n", k, k, i, k, k, 100 + k * 3 + (g % 2), k
    printf "created by example.com/big/pool.(*Pool).Start in goroutine 1\n\t/home/dev/big/pool/pool.go:77 +0x1f5\n\n"
  }
}' >"$tmp/big.txt"
mb=$(( $(wc -c <"$tmp/big.txt") >> 20 ))
start=$(date +%s%N)
"$PLUMBER" explain -f json "$tmp/big.txt" >"$tmp/big.json" 2>"$tmp/big.err"
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $rc = 1 ] && [ "$(jq .total "$tmp/big.json")" = 100000 ] && [ "$(jq '.groups | length' "$tmp/big.json")" = 300 ] && ok \
  || bad "big dump: exit $rc, total $(jq .total "$tmp/big.json" 2>/dev/null): $(cat "$tmp/big.err")"
[ $ms -lt 60000 ] && ok || bad "big dump took ${ms} ms"

echo "summary: $checks checks, $fail failed; ${mb} MiB dump of 100k goroutines in ${ms} ms"
[ $fail = 0 ]
