#!/usr/bin/env bash
# tests/check-watch-source.sh - `plumber watch --pprof URL --source DIR`
# against tests/watch/source, a Go service whose leaks sit in its own
# files, built from a copy elsewhere (so the binary's absolute paths differ
# from DIR's relative ones, as in real life):
#   body       fetch.go never closes bodies: unclosed-body, its requests'
#              call site in fetch.go, tied to lint's body-not-closed there
#   transport  client.go makes a Transport per call: idle-conn-growth, tied
#              to transport-per-call
#   stuck      report.go writes a whole file to clients that never read:
#              stuck-write, the handler's frame, tied to
#              buffered-file-response
# The lines are taken from `plumber lint --format json` of the same DIR.
# Plus the usage errors of --source. Live cases run in parallel (~25 s).
set -u
cd "$(dirname "$0")/.."
. tests/lib/check.sh

SRC=tests/watch/source
mkdir -p "$tmp/build/svc" "$tmp/work"
cp "$SRC"/*.go "$tmp/build/svc/"
if ! (cd "$tmp/build/svc" && GOPROXY=off GOFLAGS= timeout 120 go build -o "$tmp/svc" ./*.go); then
  bad "cannot build $SRC with go"
  finish
fi

# The same service after `plumber lint --fix` of its body leak: built
# again, watched in the same mode, it must come out ok.
mkdir -p "$tmp/fixed/svc"
cp "$SRC"/*.go "$tmp/fixed/svc/"
"$PLUMBER" lint --disable all --enable body-not-closed --fix "$tmp/fixed/svc" >"$tmp/fix.out" 2>&1
expect "--fix changed fetch.go: $(cat "$tmp/fix.out")" sh -c "! cmp -s '$SRC/fetch.go' '$tmp/fixed/svc/fetch.go'"
expect "--fix leaves no body-not-closed: $(cat "$tmp/fix.out")" \
  sh -c "'$PLUMBER' lint --disable all --enable body-not-closed '$tmp/fixed/svc' >/dev/null"
if ! (cd "$tmp/fixed/svc" && GOPROXY=off GOFLAGS= timeout 120 go build -o "$tmp/svc-fixed" ./*.go); then
  bad "cannot build the fixed service"
fi

# Where lint reports each rule in DIR: "file:line" of the first finding.
"$PLUMBER" lint --format json "$SRC" >"$tmp/lint.json"
at() { jsq "$tmp/lint.json" "(f=>f?f.file+\":\"+f.line:\"none\")(r.findings.find(f=>f.rule===\"$1\" && f.file.endsWith(\"/$2\")))"; }
BODY_AT=$(at body-not-closed fetch.go)
TRANSPORT_AT=$(at transport-per-call client.go)
WRITE_AT=$(at buffered-file-response report.go)
expect "lint finds the planted bugs ($BODY_AT, $TRANSPORT_AT, $WRITE_AT)" \
  sh -c "[ '$BODY_AT' != none ] && [ '$TRANSPORT_AT' != none ] && [ '$WRITE_AT' != none ]"

base=$((20000 + ($$ * 7) % 20000))
P_BODY=$((base + 1)) P_TRANSPORT=$((base + 2)) P_STUCK=$((base + 3)) P_FIXED=$((base + 4))

run() {
  local name=$1; shift
  ( timeout 90 "$PLUMBER" watch "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"; echo $? >"$tmp/$name.rc" ) &
  jobs_started+=($!)
}
rc_of() { cat "$tmp/$1.rc" 2>/dev/null || echo none; }

LIVE=(--interval 500ms --for 20s --source "$SRC")
run body "${LIVE[@]}" --pprof "http://127.0.0.1:$P_BODY" --json "$tmp/body.json" --html "$tmp/body.html" \
  -- "$tmp/svc" -mode body -pprof "127.0.0.1:$P_BODY"
run transport "${LIVE[@]}" --pprof "http://127.0.0.1:$P_TRANSPORT" --json "$tmp/transport.json" \
  -- "$tmp/svc" -mode transport -pprof "127.0.0.1:$P_TRANSPORT"
# 5 stalled clients a second, at most 100: each pins a 512 KiB buffer.
run stuck "${LIVE[@]}" --pprof "http://127.0.0.1:$P_STUCK" --json "$tmp/stuck.json" \
  -- "$tmp/svc" -mode stuck -rate 5 -max 100 -dir "$tmp/work" -pprof "127.0.0.1:$P_STUCK"

run fixed "${LIVE[@]}" --pprof "http://127.0.0.1:$P_FIXED" --json "$tmp/fixed.json" \
  -- "$tmp/svc-fixed" -mode body -pprof "127.0.0.1:$P_FIXED"

# --- usage errors, while the live cases run -----------------------------
out=$("$PLUMBER" watch --source "$SRC" --pid $$ 2>&1); rc=$?
expect "--source without --pprof is a usage error (got $rc: $out)" [ $rc = 2 ]
expect "--source without --pprof says why: $out" grep -q -- "--source needs --pprof" <<<"$out"
out=$("$PLUMBER" watch --pprof http://127.0.0.1:1 --source "$tmp/no-such-dir" --pid $$ 2>&1); rc=$?
expect "a missing --source dir exits 2 (got $rc: $out)" [ $rc = 2 ]
expect "a missing --source dir is named: $out" grep -q "cannot lint --source $tmp/no-such-dir" <<<"$out"
out=$("$PLUMBER" watch --pprof http://127.0.0.1:1 --source "$tmp/work" --pid $$ 2>&1); rc=$?
expect "a --source dir without Go files exits 2 (got $rc: $out)" [ $rc = 2 ]
expect "a --source dir without Go files says so: $out" grep -q "no Go files in --source" <<<"$out"

wait

# finding KIND FILE: the JS expression of the finding of that kind
F='r.findings.find(f=>f.kind==="'
for name in body transport stuck; do
  expect "$name: exit 1 on a leak (got $(rc_of $name)): $(head -c 2000 "$tmp/$name.out") $(head -c 600 "$tmp/$name.err")" \
    [ "$(rc_of $name)" = 1 ]
done

expect "fixed: the --fix'ed service is ok (got $(rc_of fixed)): $(head -c 1500 "$tmp/fixed.out")" \
  [ "$(rc_of fixed)" = 0 ]
expect "fixed: its verdict is ok: $(jsq "$tmp/fixed.json" 'r.verdict')" \
  [ "$(jsq "$tmp/fixed.json" 'r.verdict')" = ok ]

# body: unclosed-body, requests made in fetch.go, tied to body-not-closed
K="${F}unclosed-body\" && f.metric===\"goroutines\")"
expect "body: the goroutine finding is unclosed-body: $(jsq "$tmp/body.json" 'r.findings.map(f=>f.kind)')" \
  [ "$(jsq "$tmp/body.json" "!!$K")" = true ]
expect "body: the place is the request call site in fetch.go: $(jsq "$tmp/body.json" "$K.where")" \
  [ "$(jsq "$tmp/body.json" "$K.where[0].how===\"request call site\" && $K.where[0].file.endsWith(\"/build/svc/fetch.go\") && $K.where[0].func===\"main.fetchStatus\"")" = true ]
expect "body: the stack starts at the user frame in fetch.go: $(jsq "$tmp/body.json" "$K.stack")" \
  [ "$(jsq "$tmp/body.json" "$K.stack.split(\"\\n\")[0].includes(\"/build/svc/fetch.go:\")")" = true ]
expect "body: the stack holds the readLoop group" \
  [ "$(jsq "$tmp/body.json" "$K.stack.includes(\"net/http.(*persistConn).readLoop\")")" = true ]
expect "body: source points at body-not-closed ($BODY_AT): $(jsq "$tmp/body.json" "$K.source")" \
  [ "$(jsq "$tmp/body.json" "$K.source[0].lint_rule===\"body-not-closed\" && $K.source[0].file+\":\"+$K.source[0].line===\"$BODY_AT\"")" = true ]
expect "body: the text report names the lint finding" grep -q "^    $BODY_AT: body-not-closed: " "$tmp/body.out"
expect "body: the text report says where to look" grep -q "requests are made at .*/build/svc/fetch.go:" "$tmp/body.out"
expect "body: the HTML report shows the lint finding under the goroutines chart" \
  python3 -c "import sys; h = open('$tmp/body.html').read(); i = h.find('id=\"chart-goroutines\"'); j = h.find('<div class=\"source\"><code>$BODY_AT</code> <span class=\"rule\">body-not-closed</span>', i); sys.exit(0 if 0 < i < j < h.find('</figure>', i) else 1)"

K="${F}fd-growth\")"
expect "body: fd-growth shares the place and ranks body-not-closed: $(jsq "$tmp/body.json" "$K.source")" \
  [ "$(jsq "$tmp/body.json" "$K.where[0].func===\"main.fetchStatus\" && $K.source[0].lint_rule===\"body-not-closed\"")" = true ]

# transport: idle-conn-growth, tied to transport-per-call in client.go
K="${F}idle-conn-growth\" && f.metric===\"goroutines\")"
expect "transport: the goroutine finding is idle-conn-growth: $(jsq "$tmp/transport.json" 'r.findings.map(f=>f.kind)')" \
  [ "$(jsq "$tmp/transport.json" "!!$K")" = true ]
expect "transport: the place is in client.go: $(jsq "$tmp/transport.json" "$K.where")" \
  [ "$(jsq "$tmp/transport.json" "$K.where[0].file.endsWith(\"/build/svc/client.go\") && $K.where[0].func===\"main.fetchWithOwnClient\"")" = true ]
expect "transport: source points at transport-per-call ($TRANSPORT_AT): $(jsq "$tmp/transport.json" "$K.source")" \
  [ "$(jsq "$tmp/transport.json" "$K.source[0].lint_rule===\"transport-per-call\" && $K.source[0].file+\":\"+$K.source[0].line===\"$TRANSPORT_AT\"")" = true ]
expect "transport: nothing from other files is tied" \
  [ "$(jsq "$tmp/transport.json" "$K.source.every(s=>s.file.endsWith(\"/client.go\"))")" = true ]

# stuck: stuck-write, the handler's own frame, tied to buffered-file-response
K="${F}stuck-write\" && f.metric===\"goroutines\")"
expect "stuck: the goroutine finding is stuck-write: $(jsq "$tmp/stuck.json" 'r.findings.map(f=>f.kind)')" \
  [ "$(jsq "$tmp/stuck.json" "!!$K")" = true ]
expect "stuck: the place is the handler's frame: $(jsq "$tmp/stuck.json" "$K.where")" \
  [ "$(jsq "$tmp/stuck.json" "$K.where[0].how===\"stack\" && $K.where[0].func===\"main.serveReport\" && $K.where[0].file.endsWith(\"/build/svc/report.go\")")" = true ]
expect "stuck: the stack is the write under the handler" \
  [ "$(jsq "$tmp/stuck.json" "$K.stack.startsWith(\"user frame: main.serveReport\") && $K.stack.includes(\"waitWrite\") && $K.stack.includes(\"net/http.(*conn).serve\")")" = true ]
expect "stuck: source points at buffered-file-response ($WRITE_AT): $(jsq "$tmp/stuck.json" "$K.source")" \
  [ "$(jsq "$tmp/stuck.json" "$K.source[0].lint_rule===\"buffered-file-response\" && $K.source[0].file+\":\"+$K.source[0].line===\"$WRITE_AT\"")" = true ]
expect "stuck: unsent bytes grew in the send queues" \
  [ "$(jsq "$tmp/stuck.json" 'Math.max(...r.series.tcp_tx_queue_bytes) > 1000000')" = true ]

finish
