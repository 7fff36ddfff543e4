#!/usr/bin/env bash
# The lint cache (--cache DIR, --no-cache): a warm run prints the same bytes
# as a cold one and as no cache; a change to a file re-lints its package,
# and a change to a package whose facts another package read re-lints that
# one too; a corrupt or torn entry is ignored and rewritten; two runs may
# share a directory; bad options are usage errors. Speed is for `make
# bench`, never timed here: the JSON stats say what was replayed.
set -u
PLUMBER=$(realpath "${PLUMBER:-$(dirname "$0")/../build/plumber}")
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
checks=0 failed=0
pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failed=$((failed + 1)); echo "FAIL: $*"; }
# lint OUT ARGS...: plumber lint ARGS in $T/m, stdout to $T/OUT, stderr to $T/OUT.err
lint() {
	local out=$1
	shift
	(cd "${DIR:-$T/m}" && timeout 60 "$PLUMBER" lint "$@" >"$T/$out" 2>"$T/$out.err")
	echo $? >"$T/$out.rc"
}
# stat FILE KEY: a number from a JSON document's stats
stat() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stats"][sys.argv[2]])' "$1" "$2"; }
# same A B: the two outputs and exit codes are equal (JSON: the stats that
# say how the run went, elapsed and replayed packages, apart)
same() {
	python3 - "$T/$1" "$T/$2" <<'EOF' || return 1
import json, sys
a, b = (open(p).read() for p in sys.argv[1:3])
try:
    a, b = json.loads(a), json.loads(b)
    for d in (a, b):
        for k in ("elapsed_ms", "packages_cached", "files_unread"):
            d["stats"].pop(k, None)
except ValueError:
    pass
sys.exit(a != b)
EOF
	cmp -s "$T/$1.err" "$T/$2.err" && cmp -s "$T/$1.rc" "$T/$2.rc"
}
expect() { # expect DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then pass; else fail "$what"; fi
}

# ---------------------------------------------------------------- a module
# util's helpers close what they are given; svc relies on them (package
# facts read across packages); cmd/tool is a leaf nobody imports.
mkdir -p "$T/m/util" "$T/m/svc" "$T/m/cmd/tool"
cat >"$T/m/go.mod" <<'EOF'
module example.com/shop

go 1.19
EOF
cat >"$T/m/util/util.go" <<'EOF'
package util

import "net/http"

// Done is the caller's last use of a response.
func Done(r *http.Response) { r.Body.Close() }
EOF
cat >"$T/m/svc/svc.go" <<'EOF'
package svc

import (
	"net/http"

	"example.com/shop/util"
)

// Ping asks a peer whether it is up.
func Ping(u string) (bool, error) {
	resp, err := http.Get(u)
	if err != nil {
		return false, err
	}
	defer util.Done(resp)
	return resp.StatusCode == http.StatusOK, nil
}
EOF
cat >"$T/m/cmd/tool/main.go" <<'EOF'
package main

import (
	"fmt"
	"net/http"
)

func main() {
	resp, err := http.Get("http://127.0.0.1:1/")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	fmt.Println(resp.Status)
}
EOF
C="$T/cache"

lint none -f json --no-cache ./...
lint cold -f json --cache "$C" ./...
lint warm -f json --cache "$C" ./...
expect "cold run: nothing replayed" [ "$(stat "$T/cold" packages_cached)" = 0 ]
expect "warm run: every package replayed ($(stat "$T/warm" packages_cached))" \
	[ "$(stat "$T/warm" packages_cached)" = 3 ] && [ "$(stat "$T/warm" packages)" = 3 ]
expect "cold = no cache" same none cold
expect "warm = no cache" same none warm
expect "clean module: exit 0" [ "$(cat "$T/warm.rc")" = 0 ]
lint textcold --cache "$C" ./...
lint textnone --no-cache ./...
expect "text output the same from the cache" same textnone textcold

# A leaf changes: only its package is linted again, and its new leak shows.
sed -i 's/\tdefer resp.Body.Close()//' "$T/m/cmd/tool/main.go"
lint leaf -f json --cache "$C" ./...
lint leafnone -f json --no-cache ./...
expect "a changed leaf is re-linted, the others replayed ($(stat "$T/leaf" packages_cached))" \
	[ "$(stat "$T/leaf" packages_cached)" = 2 ]
expect "the changed leaf's finding appears" grep -q '"file": "cmd/tool/main.go"' "$T/leaf"
expect "leaf change: same as no cache" same leafnone leaf

# A package whose facts another read changes: util.Done no longer closes.
# svc's own bytes did not change, yet its result must (a leak now).
sed -i 's/{ r.Body.Close() }/{ _ = r.StatusCode }/' "$T/m/util/util.go"
lint dep -f json --cache "$C" ./...
lint depnone -f json --no-cache ./...
expect "svc is re-linted when util's facts change ($(stat "$T/dep" packages_cached) replayed)" \
	[ "$(stat "$T/dep" packages_cached)" = 1 ]
expect "svc's new leak shows" grep -q '"file": "svc/svc.go"' "$T/dep"
expect "dependency change: same as no cache" same depnone dep

# Linting one package alone reads other packages' facts only when they are
# part of the run: an entry written for ./... is not replayed for ./svc.
lint alone -f json --cache "$C" ./svc
lint alonenone -f json --no-cache ./svc
expect "a package linted alone: same as no cache" same alonenone alone

# Corrupt entries: flip a byte in each, truncate others; the run is right
# and rewrites them, so the next run replays everything again.
lint before -f json --cache "$C" ./...
n=0
for f in $(find "$C" -type f ! -name '.tmp-*' | sort); do
	n=$((n + 1))
	case $((n % 3)) in
	0) printf 'X' | dd of="$f" bs=1 seek=70 conv=notrunc status=none ;;
	1) truncate -s 40 "$f" ;;
	2) head -c 200 /dev/urandom >"$f" ;;
	esac
done
expect "there were entries to damage ($n)" [ $n -ge 3 ]
lint damaged -f json --cache "$C" ./...
expect "damaged entries are not replayed ($(stat "$T/damaged" packages_cached))" \
	[ "$(stat "$T/damaged" packages_cached)" = 0 ]
expect "damaged entries: same as no cache" same before damaged
lint repaired -f json --cache "$C" ./...
expect "damaged entries were rewritten" [ "$(stat "$T/repaired" packages_cached)" = 3 ]

# An entry of another module with the same files' key cannot be mixed up:
# every file's path is in the key, so a copy of the module elsewhere is
# linted on its own and printed with its own paths.
cp -r "$T/m" "$T/m2"
(cd "$T/m2" && timeout 60 "$PLUMBER" lint --cache "$C" ./... >"$T/copy" 2>&1)
(cd "$T/m2" && timeout 60 "$PLUMBER" lint --no-cache ./... >"$T/copynone" 2>&1)
expect "a copy of the module: same as no cache" cmp -s "$T/copy" "$T/copynone"

# Two runs at once on one directory: both right, no temporary file left.
rm -rf "$C"
lint par1 -f json --cache "$C" ./... &
lint par2 -f json --cache "$C" ./... &
wait
expect "concurrent run 1 = no cache" same depnone par1
expect "concurrent run 2 = no cache" same depnone par2
expect "no temporary file left behind" [ -z "$(find "$C" -name '.tmp-*')" ]

# A cache that cannot be written costs time, not the run.
# (a path under a plain file: not even root can make that directory)
: >"$T/plainfile"
lint unwritable -f json --cache "$T/plainfile/c" ./...
expect "an unwritable cache directory is no error" same depnone unwritable

# The default place: $XDG_CACHE_HOME/plumber.
(cd "$T/m" && XDG_CACHE_HOME="$T/xdg" timeout 60 "$PLUMBER" lint ./... >/dev/null 2>&1)
expect "default cache under \$XDG_CACHE_HOME/plumber" [ -n "$(find "$T/xdg/plumber" -type f 2>/dev/null)" ]
(cd "$T/m" && XDG_CACHE_HOME="$T/xdg2" timeout 60 "$PLUMBER" lint --no-cache ./... >/dev/null 2>&1)
expect "--no-cache writes nothing" [ ! -e "$T/xdg2/plumber" ]

# Stamps: a file whose stat (inode, size, mtime, ctime) is what it was
# when its bytes were hashed is not read again; a file changed in place,
# its size and mtime kept, still shows (by its ctime). Files younger than
# the racy window (2 s) get no stamp: a write in the same clock tick as
# the read could go unseen.
S="$T/stampcache"
cp -r "$T/m" "$T/s"
DIR=$T/s lint s0 -f json --cache "$S" ./...
DIR=$T/s lint s0b -f json --cache "$S" ./...
# (s0b looks up what s0 recorded: nothing, whenever s0 ran; s0 began
# within 2 s of the copy unless the machine stalls for seconds)
expect "young files: no stamp recorded ($(stat "$T/s0b" files_unread) unread)" [ "$(stat "$T/s0b" files_unread)" = 0 ]
sleep 2.2
DIR=$T/s lint s1 -f json --cache "$S" ./...
DIR=$T/s lint s2 -f json --cache "$S" ./...
DIR=$T/s lint snone -f json --no-cache ./...
expect "settled files: none read again ($(stat "$T/s2" files_unread) of 3 unread)" \
	[ "$(stat "$T/s2" files_unread)" = 3 ] && [ "$(stat "$T/s2" packages_cached)" = 3 ]
expect "stamps: same as no cache" same snone s2
# util.Done closes again, written in place: svc's leak goes.
expect "before the edit, svc leaks (util.Done does not close)" grep -q '"file": "svc/svc.go"' "$T/s2"
util="$T/s/util/util.go"
mtime=$(command stat -c %y "$util")
size=$(command stat -c %s "$util")
ino=$(command stat -c %i "$util")
python3 - "$util" <<'EOF2'
import sys
p = sys.argv[1]
with open(p, "r+b") as f:  # in place: same inode, same size
    b = f.read()
    old, new = b"{ _ = r.StatusCode }", b"{ r.Body.Close()   }"
    assert b.count(old) == 1 and len(old) == len(new)
    f.seek(0)
    f.write(b.replace(old, new))
EOF2
touch -d "$mtime" "$util"
expect "the edit kept inode, size and mtime" \
	[ "$(command stat -c '%i %s %y' "$util")" = "$ino $size $mtime" ]
DIR=$T/s lint s3 -f json --cache "$S" ./...
DIR=$T/s lint s3none -f json --no-cache ./...
expect "an in-place edit with its mtime put back is seen: svc's leak is gone" \
	[ "$(grep -c '"file": "svc/svc.go"' "$T/s3")" = 0 ]
expect "in-place edit: same as no cache" same s3none s3
expect "in-place edit: util and svc read again, cmd/tool not ($(stat "$T/s3" files_unread) unread)" \
	[ "$(stat "$T/s3" files_unread)" = 1 ]
# A damaged stamp table is ignored: every file read, results right.
for f in $(find "$S" -type f ! -name '.tmp-*'); do truncate -s 60 "$f"; done
DIR=$T/s lint s4 -f json --cache "$S" ./...
expect "damaged stamps: every file read ($(stat "$T/s4" files_unread))" [ "$(stat "$T/s4" files_unread)" = 0 ]
expect "damaged stamps: same as no cache" same s3none s4

# Usage errors.
lint both --cache "$C" --no-cache ./...
expect "--cache with --no-cache: exit 2" [ "$(cat "$T/both.rc")" = 2 ]
expect "--cache with --no-cache: says so" grep -q "contradict" "$T/both.err"
lint empty --cache= ./...
expect "--cache with no directory: exit 2" [ "$(cat "$T/empty.rc")" = 2 ]
expect "--help names the cache options" sh -c "'$PLUMBER' lint --help | grep -q -- '--no-cache'"

echo "summary: $checks checks, $failed failed"
[ $failed = 0 ]
