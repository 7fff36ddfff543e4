# tests/lib/lint.sh - the helpers of the tests/check-lint-*.sh scripts
# (sourced; set PLUMBER first, or build/plumber next to the tests is used).
#
#   T                  a scratch directory, removed at exit (made writable first)
#   pass / fail MSG    count a passed / failed check (fail prints "FAIL: MSG")
#   check DESC CMD...  the command must succeed
#   LINT_ARGS=(...)    arguments every run gets first (default: none)
#   run ARGS...        plumber lint ARGS in the current directory, bounded by
#                      timeout; sets rc, out and err
#   rc_is WANT DESC    the last run exited WANT
#   has / hasnt TEXT NEEDLE DESC
#   lines TEXT         its non-empty lines
#   leaky FILE [PKG]   write a Go file with one defer-in-loop finding, at 11:3
#   summary            print "summary: N checks, M failed"; fails if any did
PLUMBER=$(realpath "${PLUMBER:-$(dirname "${BASH_SOURCE[0]}")/../../build/plumber}")
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
checks=0 failed=0
LINT_ARGS=()

pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failed=$((failed + 1)); echo "FAIL: $*"; }
check() {
	local what=$1
	shift
	if "$@"; then pass; else fail "$what"; fi
}
run() {
	timeout 60 "$PLUMBER" lint "${LINT_ARGS[@]}" "$@" >"$T/stdout" 2>"$T/stderr"
	rc=$?
	out=$(cat "$T/stdout")
	err=$(cat "$T/stderr")
}
rc_is() {
	if [ "$rc" = "$1" ]; then pass; else fail "$2: exit $rc, want $1 (stderr: ${err:0:300})"; fi
}
has() {
	case $1 in *"$2"*) pass ;; *) fail "$3: no '$2' in: ${1:0:400}" ;; esac
}
hasnt() {
	case $1 in *"$2"*) fail "$3: unexpected '$2' in: ${1:0:400}" ;; *) pass ;; esac
}
lines() { printf '%s' "$1" | grep -c . || true; }
leaky() {
	cat >"$1" <<EOF
package ${2:-p}

import "os"

func Open(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}
EOF
}
summary() {
	echo "summary: $checks checks, $failed failed"
	[ "$failed" = 0 ]
}
