#!/usr/bin/env bash
# --new-from-rev REV and --new-from-patch FILE: only findings in code a
# change touched are reported (in a git repository made here). A finding is
# new when a changed line, or a deleted one, lies in its function.
set -u
PLUMBER=$(realpath "${PLUMBER:-$(dirname "$0")/../build/plumber}")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
checks=0 failed=0
pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failed=$((failed + 1)); echo "FAIL: $*"; }
run() { # run DIR ARGS...: plumber lint in DIR; sets rc, out, err
	local dir=$1
	shift
	(cd "$dir" && timeout 60 "$PLUMBER" lint --no-cache "$@" >"$T/out" 2>"$T/err")
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}
has() { case $1 in *"$2"*) pass ;; *) fail "$3: no '$2' in: ${1:0:300}" ;; esac; }
hasnt() { case $1 in *"$2"*) fail "$3: unexpected '$2' in: ${1:0:300}" ;; *) pass ;; esac; }
rc_is() { if [ "$rc" = "$1" ]; then pass; else fail "$2: exit $rc, want $1 ($err)"; fi; }

R=$T/repo
mkdir -p "$R/svc"
cd "$R" || exit 1
git init -q
git config user.email t@example.com
git config user.name t
cat >go.mod <<'EOF'
module example.com/repo

go 1.19
EOF
cat >svc/svc.go <<'EOF'
package svc

import "net/http"

// Legacy leaks since long ago; nobody touches it in the change.
func Legacy(u string) (int, error) {
	resp, err := http.Get(u)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Status closes its body, until the change drops the close.
func Status(u string) (int, error) {
	resp, err := http.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Ping is fine and stays fine.
func Ping(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
EOF
git add -A
git commit -qm base

run "$R" ./...
rc_is 1 "before the change: the old leak is reported"
has "$out" "svc/svc.go:7:" "the old leak"
run "$R" --new-from-rev HEAD ./...
rc_is 0 "nothing changed: nothing new, exit 0"
hasnt "$out" "svc.go" "nothing changed: no finding"
has "$err" "1 finding in code that did not change not shown" "the old finding is counted"

# The change deletes a line: the function around it is new code.
sed -i '/\tdefer resp.Body.Close()/d' svc/svc.go
run "$R" --new-from-rev HEAD ./...
rc_is 1 "a deleted close is a new leak"
has "$out" "svc/svc.go:16:" "the leak the deletion made"
hasnt "$out" "svc/svc.go:7:" "the old leak stays out"
# staged the same
git add svc/svc.go
run "$R" --new-from-rev HEAD ./...
has "$out" "svc/svc.go:16:" "a staged change counts"
# from a subdirectory, with paths as printed there
run "$R/svc" --new-from-rev HEAD .
has "$out" "svc.go:16:" "run from a subdirectory"
hasnt "$out" "svc.go:7:" "run from a subdirectory: the old leak stays out"

# An untracked file is new in every line.
cat >svc/extra.go <<'EOF'
package svc

import "net/http"

// Extra is brand new and leaks.
func Extra(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	_ = resp.Header
	return nil
}
EOF
run "$R" --new-from-rev HEAD ./...
has "$out" "svc/extra.go:7:" "an untracked file's finding is new"

# --new-from-patch: git's a/ b/ diff, and a plain diff -u without prefixes.
git diff HEAD >"$T/git.patch"
run "$R" --new-from-patch "$T/git.patch" ./...
has "$out" "svc/svc.go:16:" "a git patch: the changed function"
hasnt "$out" "svc/svc.go:7:" "a git patch: the old leak stays out"
hasnt "$out" "extra.go" "a patch names what it changes, no more"
git show HEAD:svc/svc.go >"$T/old.go"
(diff -u "$T/old.go" svc/svc.go | sed "1s|.*|--- svc/svc.go.orig|;2s|.*|+++ svc/svc.go|") >"$T/plain.patch"
run "$R" --new-from-patch "$T/plain.patch" ./...
has "$out" "svc/svc.go:16:" "a diff -u patch without prefixes"

# Errors: each one line, exit 2.
printf 'not a diff at all\n' >"$T/bad.patch"
run "$R" --new-from-patch "$T/bad.patch" ./...
rc_is 2 "a file that is not a diff"
has "$err" "no unified diff" "says why"
run "$R" --new-from-patch "$T/missing.patch" ./...
rc_is 2 "a missing patch file"
run "$R" --new-from-rev no-such-rev ./...
rc_is 2 "an unknown revision"
has "$err" "'no-such-rev' is not a commit" "names the revision"
run "$R" --new-from-rev --upload-pack=x ./...
rc_is 2 "a revision that looks like an option is refused"
run "$R" --new-from-rev HEAD --new-from-patch "$T/git.patch" ./...
rc_is 2 "both options"
mkdir -p "$T/nogit"
cp -r "$R/svc" "$T/nogit/"
run "$T/nogit" --new-from-rev HEAD ./...
rc_is 2 "outside a git work tree"
has "$err" "not inside a git work tree" "says so"
has "$(timeout 10 "$PLUMBER" lint --help 2>&1)" "--new-from-rev" "--help names it"

echo "summary: $checks checks, $failed failed"
[ $failed = 0 ]
