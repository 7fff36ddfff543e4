#!/usr/bin/env bash
# tests/check-watch-fleet.sh - `plumber watch --prometheus` against a real
# Prometheus (Debian's package, 2.42) started here on loopback with its own
# storage, scraping every second a fleet of real Go programs
# (tests/watch/fleet/app) that leak or behave:
#   body x2, transport, files, blocked, memory   must leak, with their kind
#   oom (body, restarted every 12 s)             must leak "after every restart"
#   healthy x2, pool (warms up), redeploy        must be ok (redeploy across restarts)
#   vanish (stopped mid-run)                     must be read without harm
# and, while the data accumulates: hours of history backfilled with promtool
# into a second server (100 instances over 6 h; FLEET_LARGE=1: 1,000, timed),
# the error paths against servers that hang, answer garbage, close the
# connection or want a token (tests/watch/fleet/fake), the usage errors, a
# live `plumber watch` of two of the same programs to compare with, and the
# HTML report in headless Chromium. About 70 s (90 s under ASan on a loaded
# machine); everything started here is
# stopped at exit (tests/lib/check.sh).
set -u
cd "$(dirname "$0")/.."
. tests/lib/check.sh

sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  echo "check-watch-fleet: prometheus is missing; installing the Debian package"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus; } >"$tmp/apt.log" 2>&1
fi
if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  bad "prometheus could not be installed (apt-get install prometheus; scripts/setup.sh --test): $(tail -3 "$tmp/apt.log")"
  finish
fi

# --- the Go fixtures: the fleet's program first, the others while it runs --
build() { (cd "tests/watch/fleet/$1" && GOPROXY=off GOFLAGS= timeout 150 go build -o "$tmp/$1" main.go); }
build app || { bad "cannot build tests/watch/fleet/app with go"; finish; }
( build fake; build gen ) >"$tmp/build.log" 2>&1 &
builder=$!

# free loopback ports, asked of the kernel
read -r -a ports <<<"$(python3 -c '
import socket
s = [socket.socket() for _ in range(20)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))')"
P_PROM=${ports[0]} P_BACK=${ports[1]} P_CLOSED=${ports[2]}
EVIL='<script>document.title="pwned"</script><img src=x onerror=alert(1)>'

# --- the fleet ------------------------------------------------------------
# name mode port [args...]
declare -A port_of pid_of
targets=""
n=3
start_app() {
  local name=$1 mode=$2; shift 2
  local port=${ports[$n]}; n=$((n + 1))
  "$tmp/app" -mode "$mode" -listen "127.0.0.1:$port" -time 170s "$@" >"$tmp/app-$name.log" 2>&1 &
  jobs_started+=($!)
  pid_of[$name]=$! port_of[$name]=$port
  targets="$targets
      - targets: ['127.0.0.1:$port']
        labels: {replica: '$name'}"
}
start_app body-1 body
start_app body-2 body -rate 4
start_app transport-1 transport
start_app files-1 files -rate 3
start_app blocked-1 blocked -rate 3
start_app memory-1 memory -rate 3 -max 250
start_app oom-1 body -restart-every 12s
start_app healthy-1 healthy
start_app healthy-2 healthy -rate 10
start_app pool-1 pool
start_app redeploy-1 healthy -restart-every 12s
start_app vanish-1 healthy
targets="$targets
      - targets: ['127.0.0.1:${ports[$n]}']
        labels: {replica: 'escape', team: '$EVIL'}"
"$tmp/app" -mode healthy -listen "127.0.0.1:${ports[$n]}" -time 170s >/dev/null 2>&1 &
jobs_started+=($!)

cat >"$tmp/prom.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 900ms
scrape_configs:
  - job_name: fleet
    static_configs:$targets
EOF
prometheus --config.file="$tmp/prom.yml" --storage.tsdb.path="$tmp/prom-data" \
  --web.listen-address="127.0.0.1:$P_PROM" --log.level=warn >"$tmp/prom.log" 2>&1 &
jobs_started+=($!)
PROM=http://127.0.0.1:$P_PROM
started=$(date +%s)
up=0
for _ in $(seq 60); do
  up=$(curl -s --max-time 2 "$PROM/api/v1/query?query=count(up%3D%3D1)" | python3 -c 'import json,sys
try: print(json.load(sys.stdin)["data"]["result"][0]["value"][1])
except Exception: print(0)')
  [ "$up" -ge 13 ] && break
  sleep 0.5
done
expect "prometheus scrapes the 13 programs (up: $up): $(tail -3 "$tmp/prom.log")" [ "$up" -ge 13 ]

live_jobs=()
# A live watch of two of the same programs, to compare with (by pid, with pprof).
for name in body-1 healthy-1; do
  ( timeout 90 "$PLUMBER" watch -q --pid "${pid_of[$name]}" --pprof "http://127.0.0.1:${port_of[$name]}" \
      --for 30s --json "$tmp/live-$name.json" >"$tmp/live-$name.out" 2>&1; echo $? >"$tmp/live-$name.rc" ) &
  jobs_started+=($!)
  live_jobs+=($!)
done

# --- while the data accumulates: errors, usage, backfill -----------------
wait $builder
for p in fake gen; do
  [ -x "$tmp/$p" ] || { bad "cannot build tests/watch/fleet/$p with go: $(tail -3 "$tmp/build.log")"; finish; }
done
"$tmp/fake" -upstream "$PROM" >"$tmp/fake.addr" 2>"$tmp/fake.log" &
jobs_started+=($!)
for _ in $(seq 50); do [ -s "$tmp/fake.addr" ] && break; sleep 0.1; done
FAKE=http://$(head -1 "$tmp/fake.addr")

# bad_server NAME URL WANT [ARGS...]: exit 2, one line, saying WANT
bad_server() {
  local name=$1 url=$2 want=$3 out rc; shift 3
  out=$(timeout 30 "$PLUMBER" watch --prometheus "$url" "$@" 2>&1 >/dev/null); rc=$?
  expect "$name: exit 2 (got $rc: $out)" [ $rc = 2 ]
  expect "$name: says '$want': $out" grep -q -- "$want" <<<"$out"
  expect "$name: one line: $out" [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]
}
t0=$(date +%s)
bad_server "unreachable" "http://127.0.0.1:$P_CLOSED" "cannot connect"
bad_server "hanging server" "$FAKE/hang" "no answer within 2 s" --timeout 2s
expect "hanging server: given up in time ($(( $(date +%s) - t0 )) s)" [ $(( $(date +%s) - t0 )) -lt 15 ]
bad_server "garbage" "$FAKE/garbage" "the answer is not JSON"
bad_server "html page" "$FAKE/html" "not the Prometheus HTTP API"
bad_server "json, not the API" "$FAKE/notapi" 'has no "status"'
bad_server "connection closed" "$FAKE/close" "closed the connection without an answer"
bad_server "no token" "$FAKE/auth" "http status 401"
PLUMBER_PROMETHEUS_TOKEN=s3cret bad_server "token, no tenant" "$FAKE/auth" "http status 401"
PLUMBER_PROMETHEUS_TOKEN=wrong bad_server "wrong token" "$FAKE/auth" "PLUMBER_PROMETHEUS_TOKEN" --header 'X-Scope-OrgID: team-a'

# NaN and infinities in the answers, and the server's warnings
out=$(timeout 30 "$PLUMBER" watch --prometheus "$FAKE/nan" --range 1m --json "$tmp/nan.json" 2>&1); rc=$?
expect "NaN and Inf values: judged, not an error (got $rc: $out)" [ $rc = 0 ]
expect "NaN and Inf values: the flat instance is ok" [ "$(jsq "$tmp/nan.json" 'r.instances[0].verdict')" = ok ]
expect "the server's warnings are shown: $out" grep -q "the server warns: fake: partial answer" <<<"$out"

# usage errors: exit 2 before any request
for args in "--prometheus 127.0.0.1:9090" "--prometheus $FAKE/hang --pid 1" \
  "--prometheus $FAKE/hang --interval 1s" "--match {job=\"x\"}" "--prometheus $FAKE/hang --range abc" \
  "--prometheus $FAKE/hang --step 0" "--prometheus $FAKE/hang --header bad" \
  "--prometheus $FAKE/hang --match up{job=\"x\"}" "--prometheus $FAKE/hang --token-file $tmp/none" \
  "--prometheus $FAKE/hang --range 1h --step 30m" "--prometheus $FAKE/hang --end yesterday" \
  "--prometheus $FAKE/hang --pprof http://x" "--prometheus $FAKE/hang -- sleep 1" \
  "--prometheus $FAKE/hang --json $tmp/no/such/dir/f.json" "--prometheus $FAKE/hang --source ."; do
  # shellcheck disable=SC2086
  out=$(timeout 10 "$PLUMBER" watch $args 2>&1); rc=$?
  expect "'watch $args' is a usage error (got $rc: $out)" [ $rc = 2 ]
  expect "'watch $args' says why in one line: $out" [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]
done
help=$("$PLUMBER" watch --help)
for opt in --prometheus --match --range --step --end --timeout --token-file --basic-auth-file --cacert --header --jobs --pprof-template; do
  expect "--help shows $opt" grep -q -- "$opt" <<<"$help"
done

# Hours of history, backfilled with promtool: 6 h of 100 instances while the
# live fleet's data accumulates; with FLEET_LARGE=1, 1,000 instances (about
# 3 min of promtool) at the end, timed against the minute they must take.
backfill() {
  "$tmp/gen" -instances "$N" -hours 6 -interval 60s -out "$tmp/history.om" &&
    promtool tsdb create-blocks-from openmetrics "$tmp/history.om" "$tmp/back-data" >"$tmp/promtool.log" 2>&1
  rc=$?
  rm -f "$tmp/history.om"
  expect "promtool backfills 6 h of $N instances (rc $rc): $(tail -2 "$tmp/promtool.log")" [ $rc = 0 ]
  printf 'global:\n  scrape_interval: 1m\nscrape_configs: []\n' >"$tmp/back.yml"
  prometheus --config.file="$tmp/back.yml" --storage.tsdb.path="$tmp/back-data" \
    --web.listen-address="127.0.0.1:$P_BACK" --log.level=warn >"$tmp/back.log" 2>&1 &
  jobs_started+=($!)
  for _ in $(seq 60); do curl -s --max-time 1 "http://127.0.0.1:$P_BACK/-/ready" | grep -q Ready && break; sleep 0.5; done
  t0=$(date +%s%N)
  timeout 120 "$PLUMBER" watch --prometheus "http://127.0.0.1:$P_BACK" --range 6h -q --json "$tmp/back.json" >"$tmp/back.out" 2>&1
  rc=$?
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "check-watch-fleet: $N instances over 6 h judged in $ms ms: $(head -1 "$tmp/back.out")"
  expect "backfill: exit 1 (got $rc): $(tail -3 "$tmp/back.out")" [ $rc = 1 ]
  expect "backfill: every instance read ($(jsq "$tmp/back.json" 'r.instances.length'))" [ "$(jsq "$tmp/back.json" 'r.instances.length')" = "$N" ]
  expect "backfill: under a minute ($ms ms)" [ $ms -lt 60000 ]
  # pod api-<i>-<how>: what each must be judged
  want='{"body":"leak:unclosed-body,fd-growth","oom":"leak:unclosed-body,fd-growth","memory":"leak:memory-growth","files":"leak:fd-growth","warmup":"ok:","sawtooth":"ok:","deploys":"ok:","ok":"ok:"}'
  wrong=$(jsq "$tmp/back.json" "r.instances.filter(i => { const how = i.labels.pod.split('-')[2]; const w = ($want)[how].split(':'); const kinds = i.findings.map(f => f.kind); return i.verdict !== w[0] || (w[1] && !w[1].split(',').every(k => kinds.includes(k))) || (w[0] === 'leak' && how !== 'body' && how !== 'oom' && kinds.includes('unclosed-body')); }).map(i => i.labels.pod + '=' + i.verdict + ':' + i.findings.map(f => f.kind)).slice(0, 5).join(' ')")
  expect "backfill: every verdict and kind right (wrong: $wrong)" [ -z "$wrong" ]
  expect "backfill: the restarted leak grows after every restart" \
    [ "$(jsq "$tmp/back.json" "r.instances.filter(i => i.labels.pod.endsWith('-oom')).every(i => i.restarts >= 3 && i.findings[0].evidence.includes('after every restart'))")" = true ]
  expect "backfill: redeploys are restarts, not drops" \
    [ "$(jsq "$tmp/back.json" "r.instances.filter(i => i.labels.pod.endsWith('-deploys')).every(i => i.restarts >= 2 && i.verdict === 'ok')")" = true ]
  expect "backfill: leaks ranked first" \
    [ "$(jsq "$tmp/back.json" "r.instances.slice(0, r.counts.leak).every(i => i.verdict === 'leak')")" = true ]
  expect "backfill: the step is chosen from the range (1m for 6h)" [ "$(jsq "$tmp/back.json" 'r.step_s')" = 60 ]
}
N=100
[ -n "${FLEET_LARGE:-}" ] || backfill

# --- the fleet, judged ----------------------------------------------------
# stop one replica mid-run: its series ends
left=$((started + 20 - $(date +%s))); [ $left -gt 0 ] && sleep $left
kill "${pid_of[vanish-1]}" 2>/dev/null
killed=$(date +%s)
# judge 45 s in, and at least 12 s after the vanishing (a loaded machine may be late)
when=$((started + 45)); [ $((killed + 12)) -gt $when ] && when=$((killed + 12))
left=$((when - $(date +%s))); [ $left -gt 0 ] && sleep $left

# the default range, 6 h: the server holds under a minute, which is what is judged
timeout 60 "$PLUMBER" watch --prometheus "$PROM" --match '{job="fleet"}' \
  --json "$tmp/fleet.json" --html "$tmp/fleet.html" >"$tmp/fleet.out" 2>"$tmp/fleet.err"
rc=$?
echo "check-watch-fleet: $(head -1 "$tmp/fleet.out")"
expect "fleet: exit 1 when an instance leaks (got $rc): $(cat "$tmp/fleet.err")" [ $rc = 1 ]
# What each replica was judged, one node run: replica verdict:kinds restarts
# fd-limit after-every-restart gone-before-the-end
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
for (const i of r.instances)
  console.log([i.labels.replica || "-", i.verdict + ":" + i.findings.map(f => f.kind).sort().join(","),
    i.restarts, i.findings.some(f => f.minutes_to_fd_limit > 0),
    i.findings.some(f => f.evidence.includes("after every restart")), i.last_seen < r.end - 10].join(" "));
' "$tmp/fleet.json" >"$tmp/facts" 2>&1
fact() { awk -v r="$1" -v c="$2" '$1 == r { print $c; found = 1 } END { if (!found) print "missing" }' "$tmp/facts"; }
kinds() { fact "$1" 2; }
# has REPLICA VERDICT KINDS...: the verdict, with each kind; memory-growth may
# come with the goroutines' leak (their buffers grow RSS), nothing else may
has() {
  local rep=$1 verdict=$2 got k; shift 2
  got=$(kinds "$rep")
  [ "${got%%:*}" = "$verdict" ] || return 1
  for k in "$@"; do grep -q "[:,]$k\(,\|$\)" <<<"$got" || return 1; done
  for k in $(tr ',' ' ' <<<"${got#*:}"); do
    [ "$k" = memory-growth ] && continue
    grep -qw -- "$k" <<<"$*" || return 1
  done
}
for rep in body-1 body-2; do
  expect "$rep: leak, unclosed-body and fd-growth ($(kinds $rep))" has $rep leak unclosed-body fd-growth
  expect "$rep: minutes to process_max_fds" [ "$(fact $rep 4)" = true ]
done
expect "transport-1: leak, connections growing ($(kinds transport-1))" has transport-1 leak unclosed-body fd-growth
expect "files-1: leak, fds alone ($(kinds files-1))" has files-1 leak fd-growth
expect "blocked-1: leak, goroutines alone ($(kinds blocked-1))" has blocked-1 leak blocked-goroutines
expect "memory-1: leak, memory alone ($(kinds memory-1))" [ "$(kinds memory-1)" = "leak:memory-growth" ]
expect "oom-1: leak across restarts ($(kinds oom-1))" has oom-1 leak unclosed-body fd-growth
for rep in healthy-1 healthy-2 pool-1 redeploy-1 escape; do
  expect "$rep: ok ($(kinds $rep))" [ "$(kinds $rep)" = "ok:" ]
done
expect "redeploy-1: restarts seen, not taken for drops ($(fact redeploy-1 3))" [ "$(fact redeploy-1 3)" -ge 2 ]
expect "vanish-1: read, not a leak ($(kinds vanish-1))" [ "$(kinds vanish-1 | grep -c '^\(ok\|inconclusive\):')" = 1 ]
expect "vanish-1: last seen before the end" [ "$(fact vanish-1 6)" = true ]
nleak=$(grep -c ' leak:' "$tmp/facts")
expect "fleet: 7 instances leak (got $nleak)" [ "$nleak" = 7 ]
expect "fleet: the step follows the data held, not the 6 h asked ($(head -1 "$tmp/fleet.out"))" grep -q "of data (of the 6 h asked) (step 1s, scrape interval 1s)" "$tmp/fleet.out"
expect "text: one line per leaking instance" [ "$(grep -c '^leak {' "$tmp/fleet.out")" = "$nleak" ]
expect "text: the count of the others: $(tail -1 "$tmp/fleet.out")" grep -q "^verdict: leak (7 leak, 6 ok" "$tmp/fleet.out"
expect "text: each kind's fix once" [ "$(grep -c '^fix unclosed-body' "$tmp/fleet.out")" = 1 ]
expect "json: DESIGN.md's keys, findings as watch's, leaks ranked first, labels kept as they are" [ "$(jsq "$tmp/fleet.json" '["version","source","url","range_s","instances","verdict"].every(k => k in r) && r.version === 1 && r.source === "prometheus" && r.verdict === "leak" && r.instances.every(i => ["labels","verdict","findings","restarts"].every(k => k in i)) && r.instances.every(i => i.findings.every(f => ["kind","severity","metric","slope_per_min","evidence","stack","source"].every(k => k in f))) && r.instances.slice(0, r.counts.leak).every(i => i.verdict === "leak") && r.instances.some(i => i.labels.team === '"'$EVIL'"')')" = true ]

# the same programs under a live watch
wait "${live_jobs[@]}"
for name in body-1 healthy-1; do
  wait_rc=$(cat "$tmp/live-$name.rc" 2>/dev/null || echo none)
  live=$(jsq "$tmp/live-$name.json" 'r.verdict + ":" + r.findings.map(f => f.kind).sort().join(",")')
  echo "check-watch-fleet: $name: live watch $live (rc $wait_rc), fleet $(kinds "$name")"
  expect "$name: the live watch agrees on the verdict (live $live, fleet $(kinds "$name"))" [ "${live%%:*}" = "$(kinds "$name" | cut -d: -f1)" ]
done

# the dashboard in headless Chromium, in the background while the rest runs
if command -v chromium >/dev/null; then
  ( chromium_headless --enable-logging=stderr --v=0 --dump-dom "file://$tmp/fleet.html" >"$tmp/dom.html" 2>"$tmp/chromium.log"
    chromium_headless --window-size=1400,2000 --screenshot="$tmp/fleet.png" "file://$tmp/fleet.html" >/dev/null 2>&1 ) &
  renderer=$!
  jobs_started+=($renderer)
fi

# --pprof-template names the stack group; credentials and a tenant header through a proxy
echo "plumber:pa:ss" >"$tmp/basic"
echo "s3cret" >"$tmp/token"
timeout 60 "$PLUMBER" watch --prometheus "$FAKE/auth" --token-file "$tmp/token" --header 'X-Scope-OrgID: team-a' \
  --match '{job="fleet",replica=~"body-1|transport-1|healthy-1"}' --range 2m \
  --pprof-template 'http://{instance}/debug/pprof' --source tests/watch/fleet/app \
  --json "$tmp/pprof.json" --html "$tmp/pprof.html" >"$tmp/pprof.out" 2>&1
rc=$?
expect "token file and tenant header: exit 1 (got $rc): $(cat "$tmp/pprof.out")" [ $rc = 1 ]
expect "pprof-template: body-1 named unclosed-body from its stacks ($(jsq "$tmp/pprof.json" "r.instances.find(i => i.labels.replica === 'body-1').findings.map(f => f.kind).join(',')"))" \
  [ "$(jsq "$tmp/pprof.json" "r.instances.find(i => i.labels.replica === 'body-1').findings.some(f => f.kind === 'unclosed-body' && /persistConn/.test(f.stack || ''))")" = true ]
expect "pprof-template: transport-1 named idle-conn-growth ($(jsq "$tmp/pprof.json" "r.instances.find(i => i.labels.replica === 'transport-1').findings.map(f => f.kind).join(',')"))" \
  [ "$(jsq "$tmp/pprof.json" "r.instances.find(i => i.labels.replica === 'transport-1').findings.some(f => f.kind === 'idle-conn-growth')")" = true ]
expect "--source: transport-1 tied to lint's transport-per-call: $(grep -A1 '^leak.*transport-1' "$tmp/pprof.out" | tail -1)" \
  [ "$(jsq "$tmp/pprof.json" "r.instances.find(i => i.labels.replica === 'transport-1').findings.some(f => f.source.some(s => s.lint_rule === 'transport-per-call' && s.file.endsWith('app/main.go')))")" = true ]
expect "html: the stack group and the lint finding under the charts" \
  python3 -c "import re, sys; h = open('$tmp/pprof.html').read(); g = h.find('<div class=\"grid\">'); s = [m.start() for m in re.finditer('<pre class=\"stack\">', h)]; sys.exit(0 if g > 0 and any(i > g and 'transport-per-call' in h[i - 2000:i] for i in s) else 1)"
expect "--source: the text names the lint finding under the instance" grep -q "app/main.go:[0-9]*: transport-per-call" "$tmp/pprof.out"
out=$(timeout 30 env PLUMBER_PROMETHEUS_TOKEN= "$PLUMBER" watch --prometheus "$FAKE/auth" --basic-auth-file "$tmp/basic" \
  --header 'X-Scope-OrgID: team-a' --match '{replica="healthy-1"}' --range 1m 2>&1); rc=$?
expect "basic auth file: exit 0 on a healthy instance (got $rc: $out)" [ $rc = 0 ]
bad_server "bad selector" "$PROM" "the server said bad_data" --match '{job=~"("}'
bad_server "no series" "$PROM" "no series match" --match '{job="nope"}'

# --- the dashboard in headless Chromium -----------------------------------
if ! command -v chromium >/dev/null; then
  bad "chromium is missing (scripts/setup.sh --test); the HTML report is untested"
else
  wait $renderer
  dom=$(cat "$tmp/dom.html")
  expect "html: renders the verdict" grep -q 'id="verdict" class="verdict leak"' <<<"$dom"
  expect "html: a table row per instance" [ "$(grep -o '<tr class="instance' <<<"$dom" | wc -l)" = 13 ]
  expect "html: leaking rows first" [ "$(grep -o '<tr class="instance [a-z]*' <<<"$dom" | head -7 | grep -c leak)" = 7 ]
  expect "html: sparklines drawn from zero" grep -q '<svg class="spark"' <<<"$dom"
  expect "html: small multiples for the leaks" [ "$(grep -o '<figure class="chart' <<<"$dom" | wc -l)" -ge 14 ]
  expect "html: restarts marked" grep -q 'class="restart"' <<<"$dom"
  expect "html: the start of growth marked" grep -q 'class="growth-start"' <<<"$dom"
  expect "html: the label is shown escaped" grep -q '&lt;script&gt;document.title' <<<"$dom"
  expect "html: no script element from a label" sh -c "! grep -qi '<script' '$tmp/dom.html'"
  expect "html: no img element from a label" sh -c "! grep -qi '<img' '$tmp/dom.html'"
  expect "html: no network references" sh -c "! grep -Eq '(src|href)=\"https?:' '$tmp/fleet.html'"
  expect "html: no console errors: $(grep -iE 'console|uncaught|refused' "$tmp/chromium.log" | head -2)" \
    sh -c "! grep -iE 'CONSOLE|Uncaught|Refused to' '$tmp/chromium.log'"
  expect "html: a screenshot ($(stat -c %s "$tmp/fleet.png" 2>/dev/null) bytes)" [ "$(stat -c %s "$tmp/fleet.png" 2>/dev/null || echo 0)" -gt 20000 ]
  [ -n "${FLEET_KEEP:-}" ] && cp "$tmp/fleet.html" "$tmp/fleet.png" "$tmp/fleet.json" "$tmp/back.json" "$tmp/pprof.json" "$tmp/pprof.out" "$FLEET_KEEP"/ 2>/dev/null
fi

if [ -n "${FLEET_LARGE:-}" ]; then N=1000; backfill; fi
echo "check-watch-fleet: ${SECONDS} s in all"
finish
