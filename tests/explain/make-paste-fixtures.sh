#!/usr/bin/env bash
# Regenerate tests/explain/fixtures/paste-*.txt: real dumps printed by
# tests/explain/leaker, damaged the way a paste damages them by
# tests/explain/damage (and, for wait times Go prints only after minutes,
# headers edited by hand), each headed by the "# expect:" line written
# below, by hand: what explain must read in it. Run it when the leaker or
# the damage forms change, then review the diff (addresses and goroutine
# ids change from run to run; totals, kinds and roles must not).
#
#   bash tests/explain/make-paste-fixtures.sh
set -eu
cd "$(dirname "$0")/../.."
ROOT=$PWD
out=tests/explain/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GO111MODULE=off GOFLAGS=
(cd tests/explain/leaker && go build -o "$tmp/leaker" . && go build -trimpath -o "$tmp/leaker-trim" .)
(cd tests/explain/damage && go build -o "$tmp/damage" .)

# dump MODE N [BIN] -> $tmp/MODE-N/{stack,debug1,debug2}.txt, paths neutral
dump() {
  local dir=$tmp/$1-$2${3:+-trim} try
  [ -d "$dir" ] && return
  mkdir -p "$dir"
  "$tmp/leaker${3:+-trim}" -out "$dir" -n "$2" "$1"
  # HTTP/2: the connection's frame writer is caught stuck only now and then
  for try in 1 2 3 4 5 6 7 8; do
    [ "$1" != h2-unclosed-body ] || [ "$(grep -c '^goroutine [0-9]' "$dir/debug2.txt")" = $(($2 * 2 + 5)) ] && break
    "$tmp/leaker${3:+-trim}" -out "$dir" -n "$2" "$1"
  done
  sed -i "s|$ROOT/tests/explain/leaker/|/home/dev/leaker/|g; s|_/home/dev/leaker/|_/home/dev/leaker/|g" "$dir"/*.txt
}

# minutes FUNC MIN: add ", MIN minutes" to the header of every goroutine
# whose stack holds FUNC (Go prints wait times from one minute on)
minutes() {
  awk -v fn="$1" -v min="$2" '
    function flush() {
      if (n) {
        if (hit && head ~ /\]:$/) sub(/\]:$/, ", " min " minutes]:", lines[1])
        for (i = 1; i <= n; i++) print lines[i]
      }
      n = 0; hit = 0
    }
    /^goroutine [0-9]+ \[/ { flush(); head = $0 }
    /^$/ { flush(); print; next }
    { lines[++n] = $0; if (index($0, fn "(") == 1) hit = 1 }
    END { flush() }'
}

# fixture NAME EXPECT COMMENT < dump
fixture() {
  { echo "# expect: $2"; echo "# $3"; cat; } >"$out/paste-$1.txt"
}

dump unclosed-body 3
dump idle-conn-growth 12
dump hung-request 12
dump stuck-write 2
dump h2-unclosed-body 2
dump body-read 3
dump pool-in-flight 2
dump blocked-goroutines 25
dump idle-conn-growth 1
dump hung-request 1
dump stuck-write 1
dump blocked-goroutines 25 trim
dump unclosed-body 3 trim

ub=$tmp/unclosed-body-3 idle=$tmp/idle-conn-growth-12 hung=$tmp/hung-request-12

# ---------------------------------------------------------------- indentation
"$tmp/damage" spaces4 <"$ub/debug2.txt" | fixture spaces4-unclosed-body \
  "format=stacks total=11 kinds=unclosed-body exit=1 roles=accept-loop:1,body-wait:3,conn-writer:3,server-conn-read:3" \
  "file lines indented with 4 spaces, function lines with none (a blog)"
"$tmp/damage" spaces16 <"$hung/debug2.txt" | fixture spaces16-hung-request \
  "format=stacks total=62 kinds=hung-request exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,in-flight-request:12,server-conn-read:12,server-handler:12" \
  "every line indented with 16 spaces, file lines with 20"
"$tmp/damage" mixed 7 <"$idle/debug2.txt" | fixture mixed-indent-idle-conn \
  "format=stacks total=38 kinds=idle-conn-growth exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,server-conn-read:12" \
  "tabs and spaces of every width, mixed line by line"
"$tmp/damage" noindent <"$tmp/stuck-write-2/debug2.txt" | fixture noindent-stuck-write \
  "format=stacks total=6 kinds=stuck-write exit=1 roles=accept-loop:1,server-conn-read:2,server-conn-write:2" \
  "no indentation left at all"
"$tmp/damage" nbsp 3 <"$tmp/h2-unclosed-body-2/debug2.txt" | fixture nbsp-h2 \
  "format=stacks total=9 kinds=stuck-write,unclosed-body exit=1 roles=accept-loop:1,h2-body-wait:2,h2-idle-conn:1,h2-server-conn-read:2,h2-server-conn-write:2" \
  "indentation and some spaces as non-breaking spaces (copied from a web page)"

"$tmp/damage" double <"$ub/debug2.txt" | fixture double-spaced \
  "format=stacks total=11 kinds=unclosed-body exit=1 roles=accept-loop:1,body-wait:3,conn-writer:3,server-conn-read:3" \
  "a blank line after every line: one blank is nothing, two end a goroutine"
"$tmp/damage" wrap80 <"$hung/debug1.txt" | fixture wrap80-debug1 \
  "format=count total=62 kinds=hung-request exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,in-flight-request:12,server-conn-read:12,server-handler:12" \
  "a terminal's copy: tabs expanded, lines cut at 80 columns"
"$tmp/damage" wrap60 <"$tmp/h2-unclosed-body-2/debug2.txt" | fixture wrap60-h2 \
  "format=stacks total=9 kinds=stuck-write,unclosed-body exit=1 roles=accept-loop:1,h2-body-wait:2,h2-idle-conn:1,h2-server-conn-read:2,h2-server-conn-write:2" \
  "lines cut at 60 columns, some frames in three pieces"

# ---------------------------------------------------------------- markdown, chat
"$tmp/damage" quote2 <"$ub/debug1.txt" | fixture quote-debug1 \
  "format=count total=11 kinds=unclosed-body exit=1 roles=accept-loop:1,body-wait:3,conn-writer:3,server-conn-read:3" \
  "a debug=1 profile quoted twice in a reply (> > )"
"$tmp/damage" fence <"$tmp/pool-in-flight-2/debug2.txt" | fixture fence-glued-pool \
  "format=stacks total=19 kinds= exit=0 roles=accept-loop:2,conn-writer:4,idle-conn:4,in-flight-request:2,server-conn-read:4,server-handler:2" \
  "a code fence glued to the first header and the last line; 2 idle connections and 2 requests in flight, no wait: roles, no leak"
"$tmp/damage" fences 5 <"$tmp/body-read-3/debug2.txt" | fixture fences-prose-body-read \
  "format=stacks total=17 kinds= exit=0 roles=accept-loop:1,body-read:3,body-wait:3,conn-writer:3,server-conn-read:3,server-handler:3" \
  "fenced parts with prose between; readLoops wait for bodies that are being read (handlers blocked on a channel): in use, not unclosed"
"$tmp/damage" bold <"$idle/debug1.txt" | fixture bold-debug1 \
  "format=count total=38 kinds=idle-conn-growth exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,server-conn-read:12" \
  "**goroutine profile: total N, records prefixed with _ or ending __"
"$tmp/damage" mdhash <"$hung/debug1.txt" | fixture mdhash-debug1 \
  "format=count total=62 kinds=hung-request exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,in-flight-request:12,server-conn-read:12,server-handler:12" \
  "markdown rendered the #-lines of a debug=1 profile as headings: the # and the tabs are gone"
"$tmp/damage" mdescape <"$idle/debug2.txt" | fixture markdown-escapes \
  "format=stacks total=38 kinds=idle-conn-growth exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,server-conn-read:12" \
  "markdown backslash escapes from an editor's export: \\[IO wait\\], (\\*persistConn)"
"$tmp/damage" ansibare <"$ub/debug2.txt" | fixture ansi-lost-esc \
  "format=stacks total=11 kinds=unclosed-body exit=1 roles=accept-loop:1,body-wait:3,conn-writer:3,server-conn-read:3" \
  "a coloured log copied without its ESC bytes: [90m10:00:00.001[0m [31mERR[0m before every line"
"$tmp/damage" ansi <"$tmp/stuck-write-2/debug1.txt" | fixture ansi-colours \
  "format=count total=6 kinds=stuck-write exit=1 roles=accept-loop:1,server-conn-read:2,server-conn-write:2" \
  "a coloured log with its ESC sequences"
"$tmp/damage" gutter <"$ub/stack.txt" | fixture gutter-stack \
  "format=stacks total=11 kinds=unclosed-body exit=1 roles=accept-loop:1,body-wait:3,conn-writer:3,server-conn-read:3" \
  "copied from a code viewer with line numbers"

# ---------------------------------------------------------------- line ends, logs
"$tmp/damage" bom <"$tmp/stuck-write-2/debug1.txt" | fixture bom-crlf-debug1 \
  "format=count total=6 kinds=stuck-write exit=1 roles=accept-loop:1,server-conn-read:2,server-conn-write:2" \
  "CRLF line ends and a byte-order mark (saved on Windows)"
"$tmp/damage" iso <"$ub/debug2.txt" | fixture iso-prefix \
  "format=stacks total=11 kinds=unclosed-body exit=1 roles=accept-loop:1,body-wait:3,conn-writer:3,server-conn-read:3" \
  "2024-05-01T10:00:00.00137Z api[4242]: before every line (fractions of varying width)"
"$tmp/damage" syslog <"$idle/debug1.txt" | fixture syslog-debug1 \
  "format=count total=38 kinds=idle-conn-growth exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,server-conn-read:12" \
  "syslog prefix (May  1 10:00:17 web-3 api[4242]: ) before every line"
"$tmp/damage" compose <"$hung/stack.txt" | fixture compose-prefix \
  "format=stacks total=62 kinds=hung-request exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,in-flight-request:12,server-conn-read:12,server-handler:12" \
  "docker compose prefix (app_1  | )"
"$tmp/damage" cri <"$tmp/body-read-3/debug1.txt" | fixture cri-debug1 \
  "format=count total=17 kinds= exit=0 roles=accept-loop:1,body-read:3,body-wait:3,conn-writer:3,server-conn-read:3,server-handler:3" \
  "containerd/CRI log prefix (timestamp stderr F )"
"$tmp/damage" kubectl <"$tmp/h2-unclosed-body-2/debug2.txt" | fixture kubectl-h2 \
  "format=stacks total=9 kinds=stuck-write,unclosed-body exit=1 roles=accept-loop:1,h2-body-wait:2,h2-idle-conn:1,h2-server-conn-read:2,h2-server-conn-write:2" \
  "kubectl logs --prefix ([pod/NAME/CONTAINER] )"
"$tmp/damage" dockerjs <"$ub/debug2.txt" | fixture docker-json \
  "format=stacks total=11 kinds=unclosed-body exit=1 roles=accept-loop:1,body-wait:3,conn-writer:3,server-conn-read:3" \
  "docker's json-file log: one {\"log\":...} object per line"
"$tmp/damage" gotestjs <"$tmp/pool-in-flight-2/debug2.txt" | fixture gotest-json \
  "format=stacks total=19 kinds= exit=0 roles=accept-loop:2,conn-writer:4,idle-conn:4,in-flight-request:2,server-conn-read:4,server-handler:2" \
  "go test -json: one {\"Output\":...} object per line"
"$tmp/damage" onejson <"$tmp/stuck-write-2/debug2.txt" | fixture one-json-line \
  "format=stacks total=6 kinds=stuck-write exit=1 roles=accept-loop:1,server-conn-read:2,server-conn-write:2" \
  "the whole dump logged as one escaped JSON string"
"$tmp/damage" interleave 4 <"$hung/debug2.txt" | fixture interleaved-logs \
  "format=stacks total=62 kinds=hung-request exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,in-flight-request:12,server-conn-read:12,server-handler:12" \
  "log lines written by other goroutines in the middle of goroutines"
"$tmp/damage" prompt <"$ub/debug1.txt" | fixture prompt-debug1 \
  "format=count total=11 kinds=unclosed-body exit=1 roles=accept-loop:1,body-wait:3,conn-writer:3,server-conn-read:3" \
  "a shell prompt and the curl command before the dump"

# ---------------------------------------------------------------- cuts
# debug=1 cut inside the first # line of the largest record: the record is
# counted all the same
awk '/^12 @/ { print; getline; printf "%s", substr($0, 1, 12); exit } { print }' "$idle/debug1.txt" | fixture cut-record \
  "format=count total=12 kinds= exit=0 warn=cut_short" \
  "cut inside the first frame of a 12-goroutine record: the record still counts"
# debug=2 cut in the file line of a readLoop frame, mid-line: the
# goroutine is kept with its frames, readLoop (what names it) included
{
  awk -v RS= '/writeLoop/ { print; print ""; exit }' "$tmp/idle-conn-growth-1/debug2.txt"
  awk -v RS= '/bufio\.\(\*Reader\)\.Peek/ && /readLoop/ { print; exit }' "$tmp/idle-conn-growth-1/debug2.txt" |
    awk '{ print } /^net\/http\.\(\*persistConn\)\.readLoop\(/ { printf "\t/usr/lib/go-1.19/src/net/http/transp"; exit }'
} | fixture cut-mid-frame \
  "format=stacks total=2 kinds= exit=0 roles=conn-writer:1,idle-conn:1 warn=kept_with_the_10_frames" \
  "cut in the file line of the last goroutine's readLoop frame: kept with its frames, readLoop included"

# ---------------------------------------------------------------- test leak checks
"$tmp/damage" leakcheck <"$ub/debug2.txt" | fixture nethttp-leakcheck \
  "format=leakcheck total=11 kinds=blocked-goroutines,unclosed-body exit=1 roles=accept-loop:1,body-wait:3,conn-writer:3,server-conn-read:3" \
  "net/http's afterTest: Test appears to have leaked a Transport:, then stacks with no header"
"$tmp/damage" instances <"$idle/debug2.txt" | fixture etcd-instances \
  "format=leakcheck total=38 kinds=blocked-goroutines,idle-conn-growth exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,server-conn-read:12" \
  "etcd's CheckLeakedGoroutine: N instances of:, then a stack with no header"
"$tmp/damage" grpc <"$tmp/pool-in-flight-2/debug2.txt" | fixture grpc-leakcheck \
  "format=stacks total=19 kinds=blocked-goroutines,idle-conn-growth exit=1 roles=accept-loop:2,conn-writer:4,idle-conn:4,in-flight-request:2,server-conn-read:4,server-handler:2" \
  "grpc's leakcheck: Leaked goroutine: goroutine N [state]:, one per goroutine"
# the seed's paste: goleak in go test output, spaces for tabs, the stack cut
# after net.(*netFD).Read (its identifying frames lost)
awk -v RS= '/bufio\.\(\*Reader\)\.Peek/ && /readLoop/ { print; exit }' "$tmp/idle-conn-growth-1/debug2.txt" >"$tmp/idle-block"
id=$(awk 'NR == 1 { print $2 }' "$tmp/idle-block")
{
  echo "--- FAIL: TestFetch (0.52s)"
  echo "    main_test.go:22: found unexpected goroutines:"
  echo "        [Goroutine $id in state IO wait, with internal/poll.runtime_pollWait on top of the stack:"
  echo "        goroutine $id [IO wait]:"
  awk 'NR > 1 { print } /^net\.\(\*netFD\)\.Read\(/ { getline; print; exit }' "$tmp/idle-block" |
    sed 's/^\t/    /; s/^/        /'
  echo "FAIL"
} | fixture goleak-cut-spaces \
  "format=goleak total=1 kinds=idle-conn-growth exit=1 state=IO_wait" \
  "goleak in go test output pasted into a blog: spaces for tabs, cut after net.(*netFD).Read"

# ---------------------------------------------------------------- wait times
minutes 'net/http.(*persistConn).roundTrip' 31 <"$tmp/hung-request-1/debug2.txt" | fixture wait-roundtrip-31min \
  "format=stacks total=7 kinds=hung-request exit=1 roles=accept-loop:1,conn-writer:1,idle-conn:1,in-flight-request:1,server-conn-read:1,server-handler:1" \
  "one request waiting 31 minutes for its response: a diagnosis at a count of one"
minutes 'net/http.(*persistConn).readLoop' 106 <"$tmp/idle-conn-growth-1/debug2.txt" | fixture wait-idle-106min \
  "format=stacks total=5 kinds=idle-conn-growth exit=1 roles=accept-loop:1,conn-writer:1,idle-conn:1,server-conn-read:1" \
  "one pooled connection idle for 106 minutes: a pool nobody cleans"
minutes 'net/http.(*conn).serve' 13 <"$tmp/stuck-write-1/debug2.txt" | fixture wait-serve-write-13min \
  "format=stacks total=4 kinds=stuck-write exit=1 roles=accept-loop:1,server-conn-read:1,server-conn-write:1" \
  "one server connection blocked writing for 13 minutes"
minutes 'net/http.(*persistConn).roundTrip' 2 <"$tmp/pool-in-flight-2/debug2.txt" | fixture wait-in-flight-2min \
  "format=stacks total=19 kinds=hung-request exit=1 roles=accept-loop:2,conn-writer:4,idle-conn:4,in-flight-request:2,server-conn-read:4,server-handler:2" \
  "two requests waiting 2 minutes for headers beside two idle connections: the requests hang, the pool is fine"
minutes 'io.ReadAll' 40 <"$tmp/body-read-3/debug2.txt" | minutes 'main.bodyRead.func1' 40 | fixture wait-body-read-40min \
  "format=stacks total=17 kinds=blocked-goroutines,hung-request exit=1 roles=accept-loop:1,body-read:3,body-wait:3,conn-writer:3,server-conn-read:3,server-handler:3" \
  "bodies read for 40 minutes while the handlers block on a channel: hung reads and blocked handlers, no unclosed body"

# ---------------------------------------------------------------- -trimpath
fixture trimpath-blocked \
  "format=stacks total=26 kinds=blocked-goroutines exit=1 look=_/home/dev/leaker/main.go" \
  "-trimpath build: runtime/pprof/pprof.go:692 frames; look here must be the user's code" <"$tmp/blocked-goroutines-25-trim/debug2.txt"
fixture trimpath-unclosed-body \
  "format=stacks total=11 kinds=unclosed-body exit=1 roles=accept-loop:1,body-wait:3,conn-writer:3,server-conn-read:3" \
  "-trimpath build, debug=2" <"$tmp/unclosed-body-3-trim/debug2.txt"

# ---------------------------------------------------------------- go tool pprof -traces
go tool pprof -traces "$tmp/leaker" "$tmp/hung-request-12/debug0.pb.gz" 2>/dev/null | fixture pprof-traces \
  "format=count total=62 kinds=hung-request exit=1 roles=accept-loop:1,conn-writer:12,idle-conn:12,in-flight-request:12,server-conn-read:12,server-handler:12" \
  "go tool pprof -traces of a goroutine profile: a count, then one function a line"

# ---------------------------------------------------------------- count mismatch
awk 'NR == 1 { sub(/total [0-9]+/, "total 14") } { print }' "$ub/debug1.txt" | fixture count-header-total \
  "format=count total=11 kinds=unclosed-body exit=1 warn=header_says_total_14" \
  "the profile header says 14, the records hold 11: both are reported"
echo "wrote $(ls "$out"/paste-*.txt | wc -l) fixtures"
