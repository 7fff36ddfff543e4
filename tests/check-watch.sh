#!/usr/bin/env bash
# tests/check-watch.sh - `plumber watch` against Go programs that leak for
# real on loopback (tests/watch/leaker), bounded in count and time:
#   body, defer, transport   must give `leak` with fd-growth (and, with
#                            --pprof, the goroutine kind) within 20 s
#   healthy, pool            must give `ok`
# plus the edges: a pid that does not exist, a pid we may not read, a
# target that exits mid-watch, --pass-exit, a broken pprof endpoint, the
# JSON shape, --metrics (Prometheus text), and --html rendered by headless
# Chromium. The live cases run in parallel; the whole script takes ~35 s.
set -u
cd "$(dirname "$0")/.."
. tests/lib/check.sh

# --- the Go fixture, built once ---------------------------------------
if ! (cd tests/watch/leaker && GOPROXY=off GOFLAGS= timeout 120 go build -o "$tmp/leaker" main.go); then
  bad "cannot build tests/watch/leaker with go"
  finish
fi
L=$tmp/leaker

base=$((20000 + $$ % 20000))
P_BODY=$((base + 1)) P_TRANSPORT=$((base + 2)) P_HEALTHY=$((base + 3)) P_BAD=$((base + 4))
M_BODY=$((base + 5))
EVIL='<script>document.title="pwned"</script><img src=x onerror=alert(1)>'

# run NAME ARGS...: plumber watch in the background, output in $tmp/NAME.*
run() {
  local name=$1; shift
  ( timeout 90 "$PLUMBER" watch "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"; echo $? >"$tmp/$name.rc" ) &
  jobs_started+=($!)
}
rc_of() { cat "$tmp/$1.rc" 2>/dev/null || echo none; }

started=$(date +%s)
LIVE=(--interval 500ms --for 20s)
run body "${LIVE[@]}" --pprof "http://127.0.0.1:$P_BODY" --json "$tmp/body.json" \
  --html "$tmp/body.html" --metrics "127.0.0.1:$M_BODY" -- "$L" -mode body -pprof "127.0.0.1:$P_BODY" -tag "$EVIL"
run defer "${LIVE[@]}" --json "$tmp/defer.json" -- "$L" -mode defer
run transport "${LIVE[@]}" --pprof "http://127.0.0.1:$P_TRANSPORT" --json "$tmp/transport.json" \
  -- "$L" -mode transport -pprof "127.0.0.1:$P_TRANSPORT"
run healthy "${LIVE[@]}" --pprof "http://127.0.0.1:$P_HEALTHY" --json "$tmp/healthy.json" \
  -- "$L" -mode healthy -pprof "127.0.0.1:$P_HEALTHY"
run pool "${LIVE[@]}" --json "$tmp/pool.json" --html "$tmp/pool.html" -- "$L" -mode pool
# A pprof endpoint that answers garbage (goroutines) and hangs (heap).
run badpprof --interval 500ms --for 15s --pprof "http://127.0.0.1:$P_BAD" --json "$tmp/badpprof.json" \
  -- "$L" -mode healthy -bad-pprof "127.0.0.1:$P_BAD"
run passexit --interval 100ms --pass-exit -- sh -c 'sleep 1; exit 3'

# --metrics while the body leak runs: 14 s in, it must say fd-growth.
left=$((started + 14 - $(date +%s)))
[ $left -gt 0 ] && sleep $left
metrics=$(curl -s --max-time 5 "http://127.0.0.1:$M_BODY/metrics")
expect "metrics: fd-growth suspected: $(grep leak_suspected <<<"$metrics" | head -3) $(cat "$tmp/body.err")" \
  grep -q '^plumber_leak_suspected{kind="fd-growth",target=".*"} 1$' <<<"$metrics"
expect "metrics: stuck-write not suspected" grep -q '^plumber_leak_suspected{kind="stuck-write",target=".*"} 0$' <<<"$metrics"
expect "metrics: fds exposed" grep -Eq '^plumber_watch_fds [0-9]+$' <<<"$metrics"
expect "metrics: goroutines exposed" grep -Eq '^plumber_watch_goroutines [0-9]+$' <<<"$metrics"
expect "metrics: slopes exposed" grep -Eq '^plumber_watch_slope_per_minute\{metric="fds"\} [0-9.e+]+$' <<<"$metrics"
expect "metrics: the target's text is escaped in labels" grep -q 'document.title=\\"pwned\\"' <<<"$metrics"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$M_BODY/other")
expect "metrics: other paths are 404 (got $code)" [ "$code" = 404 ]


# --- the quick edges, while the live cases run ------------------------
out=$("$PLUMBER" watch --pid 999999999 2>&1); rc=$?
expect "a missing pid exits 2 (got $rc)" [ $rc = 2 ]
expect "a missing pid says so: $out" grep -q "no process with pid 999999999" <<<"$out"
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && ok || bad "a missing pid takes one line: $out"
for args in "--interval abc --pid 1" "--for -3s --pid 1" "" "--pid 1 -- true" "--source . --pid 1"; do
  # shellcheck disable=SC2086
  out=$("$PLUMBER" watch $args 2>&1); rc=$?
  expect "'watch $args' is a usage error (got $rc: $out)" [ $rc = 2 ]
done
out=$("$PLUMBER" watch -- "$tmp/no-such-program" 2>&1); rc=$?
expect "a command that cannot run exits 2 (got $rc)" [ $rc = 2 ]
expect "a command that cannot run says so: $out" grep -q "cannot run" <<<"$out"
expect "--help shows the option table" sh -c "'$PLUMBER' watch --help | grep -q -- '--pass-exit'"

# A pid we may not read: pid 1's fds, as nobody.
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
  out=$(timeout 20 setpriv --reuid=65534 --regid=65534 --clear-groups "$PLUMBER" watch --pid 1 --interval 200ms --for 1s 2>&1); rc=$?
  expect "an unreadable /proc/1/fd still reports (got $rc: $out)" [ $rc = 0 ]
  expect "an unreadable /proc/1/fd is named: $out" grep -q "cannot read /proc/1/fd: permission denied" <<<"$out"
  expect "an unreadable /proc/1/fd: threads are still reported: $out" grep -q "threads=" <<<"$out"
else
  # Not root: pid 1 belongs to someone else anyway.
  out=$(timeout 20 "$PLUMBER" watch --pid 1 --interval 200ms --for 1s 2>&1); rc=$?
  expect "an unreadable /proc/1/fd still reports (got $rc: $out)" [ $rc = 0 ]
  expect "an unreadable /proc/1/fd is named: $out" grep -q "cannot read /proc/1/fd" <<<"$out"
fi

# --pid on a process that exits after 2 s: too few samples, inconclusive.
sleep 2 & victim=$!
out=$(timeout 20 "$PLUMBER" watch --pid $victim --interval 500ms 2>&1); rc=$?
wait $victim 2>/dev/null
expect "a watched pid that exits is not an error (got $rc)" [ $rc = 0 ]
expect "a watched pid that exits is reported: $out" grep -q "the target exited" <<<"$out"
expect "few samples are inconclusive: $out" grep -q "verdict: inconclusive" <<<"$out"

wait

# The target exits mid-watch: what was sampled is reported, not an error.
# Run alone, after the batch above: beside seven other watches and their
# targets a loaded 2-core machine once stretched its sampling to 7 samples
# in 12 s, too few for a verdict. Alone it takes 20 or more.
run exits --interval 500ms --for 60s --json "$tmp/exits.json" -- "$L" -mode body -time 12s
wait

# --- the live verdicts ------------------------------------------------
for name in body defer transport; do
  expect "$name: exit 1 on a leak (got $(rc_of $name)): $(cat "$tmp/$name.out")" [ "$(rc_of $name)" = 1 ]
  expect "$name: verdict leak in JSON" [ "$(jsq "$tmp/$name.json" 'r.verdict')" = leak ]
  expect "$name: fd-growth found: $(head -3 "$tmp/$name.out")" \
    [ "$(jsq "$tmp/$name.json" 'r.findings.some(f=>f.kind==="fd-growth" && f.metric==="fds" && f.slope_per_min>60)')" = true ]
  expect "$name: projects the fd limit" grep -q "too many open files in " "$tmp/$name.out"
done
expect "body with pprof: goroutine growth named unclosed-body" \
  [ "$(jsq "$tmp/body.json" 'r.findings.some(f=>f.kind==="unclosed-body" && f.metric==="goroutines")')" = true ]
expect "transport with pprof: goroutine growth named idle-conn-growth" \
  [ "$(jsq "$tmp/transport.json" 'r.findings.some(f=>f.kind==="idle-conn-growth" && f.metric==="goroutines")')" = true ]
for name in healthy pool; do
  expect "$name: exit 0 (got $(rc_of $name)): $(cat "$tmp/$name.out")" [ "$(rc_of $name)" = 0 ]
  expect "$name: verdict ok" [ "$(jsq "$tmp/$name.json" 'r.verdict')" = ok ]
  expect "$name: no findings" [ "$(jsq "$tmp/$name.json" 'r.findings.length')" = 0 ]
done
expect "pool: really warmed up to ~40 client conns (max fd_socket $(jsq "$tmp/pool.json" 'Math.max(...r.series.fd_socket)'))" \
  [ "$(jsq "$tmp/pool.json" 'Math.max(...r.series.fd_socket) >= 60')" = true ]
expect "healthy with pprof: goroutines sampled" [ "$(jsq "$tmp/healthy.json" 'r.series.goroutines.filter(x=>x!==null).length >= 20')" = true ]

# JSON shape (DESIGN.md).
expect "json: the keys of DESIGN.md" [ "$(jsq "$tmp/body.json" '["version","target","samples","duration_s","verdict","findings","series"].every(k=>k in r) && r.version===1')" = true ]
expect "json: the keys of a finding" [ "$(jsq "$tmp/body.json" 'r.findings.every(f=>["kind","severity","metric","slope_per_min","evidence","stack","source"].every(k=>k in f) && Array.isArray(f.source))')" = true ]
expect "json: series as long as the samples" [ "$(jsq "$tmp/body.json" 'r.series.t.length===r.samples && r.series.fds.length===r.samples && r.samples>=12')" = true ]
expect "json: the target is the command line" [ "$(jsq "$tmp/body.json" 'r.target.includes("-mode body")')" = true ]

# The broken pprof endpoint: reported, once per problem, and sampling goes on.
expect "bad pprof: exit 0 (got $(rc_of badpprof)): $(cat "$tmp/badpprof.err")" [ "$(rc_of badpprof)" = 0 ]
expect "bad pprof: garbage is reported" grep -q "goroutine?debug=1: the answer is not a goroutine profile" "$tmp/badpprof.err"
expect "bad pprof: the hang is reported as a timeout" grep -qi "heap?debug=1: timeout" "$tmp/badpprof.err"
n=$(grep -c "not a goroutine profile" "$tmp/badpprof.err")
expect "bad pprof: garbage reported once (got $n)" [ "$n" = 1 ]
expect "bad pprof: sampling went on (samples $(jsq "$tmp/badpprof.json" 'r.samples'))" [ "$(jsq "$tmp/badpprof.json" 'r.samples >= 10')" = true ]

# The target exited mid-watch: report what was seen.
expect "exits: leak found before the exit (got $(rc_of exits)): $(cat "$tmp/exits.out")" [ "$(rc_of exits)" = 1 ]
expect "exits: the exit is reported" grep -q "the command exited" "$tmp/exits.out"
expect "exits: the samples are kept" [ "$(jsq "$tmp/exits.json" 'r.samples >= 10 && r.duration_s < 18')" = true ]
expect "--pass-exit passes the command's code (got $(rc_of passexit))" [ "$(rc_of passexit)" = 3 ]

# --- the HTML report in headless Chromium ------------------------------
if ! command -v chromium >/dev/null; then
  echo "check-watch: chromium is missing; installing the Debian package"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium; } >"$tmp/apt.log" 2>&1
fi
if ! command -v chromium >/dev/null; then
  bad "chromium could not be installed (apt-get install chromium); the HTML report is untested: $(tail -3 "$tmp/apt.log")"
else
  render() { chromium_headless --dump-dom "file://$1" 2>/dev/null; }
  dom=$(render "$tmp/body.html")
  expect "html: renders the verdict" grep -q 'id="verdict" class="verdict leak">verdict: leak<' <<<"$dom"
  expect "html: renders the fd-growth finding" grep -q '<span class="kind">fd-growth</span>' <<<"$dom"
  n=$(grep -o '<svg' <<<"$dom" | wc -l)
  z=$(grep -o '<span class="kind" id="chart-' <<<"$dom" | wc -l)
  expect "html: an SVG chart per series, or its name among those at 0 (got $n charts, $z at 0)" [ $((n + z)) -ge 15 ]
  expect "html: the fds chart has a line and is marked growing" grep -Eq '<figure class="chart growing[a-z ]*" id="chart-fds">' <<<"$dom"
  expect "html: the charts hold polylines" grep -q '<polyline class="line" points="[0-9]' <<<"$dom"
  expect "html: the target's script did not run" grep -q '<title>plumber watch: ' <<<"$dom"
  expect "html: no script element from the target" sh -c "! grep -qi '<script' <<'EOF'
$dom
EOF"
  expect "html: the target's text is shown escaped" grep -q '&lt;script&gt;document.title' <<<"$dom"
  expect "html: no img element from the target" sh -c "! grep -qi '<img' <<'EOF'
$dom
EOF"
  dom=$(render "$tmp/pool.html")
  expect "html: the pool page says ok" grep -q 'class="verdict ok">verdict: ok<' <<<"$dom"
  expect "html: no network references" sh -c "! grep -Eq '(src|href)=\"https?:' '$tmp/body.html'"
fi

finish
