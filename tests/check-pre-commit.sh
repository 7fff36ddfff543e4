#!/usr/bin/env bash
# plumber as a pre-commit hook (.pre-commit-hooks.yaml, scripts/pre-commit-hook.sh):
# the packages of the files passed are linted whole, without their
# subdirectories; test files only with --tests; options pass through.
# Then, when pre-commit is installed (scripts/setup.sh --test), the real
# thing: `pre-commit try-repo` on this repository in a git repository
# made here, with the staged files. Runs bounded with timeout, in a temp dir.
set -u
cd "$(dirname "$0")/.."
. tests/lib/check.sh
ROOT=$PWD
HOOK=$ROOT/scripts/pre-commit-hook.sh
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
export XDG_CACHE_HOME=$tmp/cache

# hook ARGS...: the hook in the test repository; sets rc, out, err
hook() {
	(cd "$R" && PLUMBER=$PLUMBER timeout 60 "$HOOK" "$@" >"$tmp/out" 2>"$tmp/err")
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
rc_is() { if [ "$rc" = "$1" ]; then ok; else bad "$2: exit $rc, want $1 ($err)"; fi; }
has() { case $1 in *"$2"*) ok ;; *) bad "$3: no '$2' in: ${1:0:400}" ;; esac; }
hasnt() { case $1 in *"$2"*) bad "$3: unexpected '$2' in: ${1:0:400}" ;; *) ok ;; esac; }

R=$tmp/repo
mkdir -p "$R/a/sub" "$R/b"
printf 'module example.com/r\n\ngo 1.21\n' >"$R/go.mod"
leak() { # leak FILE PACKAGE FUNC: a function whose body is never closed
	printf 'package %s\n\nimport "net/http"\n\nfunc %s(u string) int {\n\tresp, err := http.Get(u)\n\tif err != nil {\n\t\treturn 0\n\t}\n\treturn resp.StatusCode\n}\n' "$2" "$3" >"$1"
}
leak "$R/a/leak.go" a Leak
leak "$R/a/other.go" a Other
leak "$R/a/sub/sub.go" sub Sub
leak "$R/a/leak_test.go" a LeakInTest
printf 'package b\n\nfunc F() { defer println("bye") }\n' >"$R/b/clean.go"

hook a/leak.go
rc_is 1 "a package with findings"
has "$out" "a/leak.go:6:" "the file passed"
has "$out" "a/other.go:6:" "the other file of its package"
hasnt "$out" "sub.go" "a subdirectory is another package"
hasnt "$out" "leak_test.go" "test files without --tests"
hook --tests a/leak.go
rc_is 1 "--tests"
has "$out" "a/leak_test.go:6:" "--tests lints the package's test files"
hook b/clean.go
rc_is 0 "a clean package"
[ -z "$out$err" ] && ok || bad "a clean package printed: $out $err"
hook --format json a/other.go b/clean.go
rc_is 1 "an option with a value, two packages"
[ "$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))' 2>&1)" = 2 ] && ok ||
	bad "--format json through the hook: $out"
hook --new-from-rev=HEAD a/leak.go
rc_is 2 "options reach plumber lint (not a git repository yet)"
hook README.md
rc_is 0 "no Go file"
(cd "$R" && PLUMBER=plumber-not-here PATH=/usr/bin:/bin timeout 10 "$HOOK" a/leak.go >/dev/null 2>"$tmp/err")
rc=$?
rc_is 2 "plumber missing"
grep -q "make install" "$tmp/err" && ok || bad "the hook should say how to install plumber: $(cat "$tmp/err")"
hook a/sub/sub.go a/sub/sub.go
rc_is 1 "a file passed twice"
[ "$(printf '%s\n' "$out" | grep -c sub.go)" = 1 ] && ok || bad "a package passed twice is linted once: $out"

# ------------------------------------------------------------ pre-commit itself
if ! command -v pre-commit >/dev/null; then
	bad "pre-commit is not installed (bash scripts/setup.sh --test installs it)"
	finish
fi
# The hook must be what .pre-commit-hooks.yaml declares.
python3 - "$ROOT/.pre-commit-hooks.yaml" <<'EOF' 2>"$tmp/py.err" && ok || bad ".pre-commit-hooks.yaml: $(tail -1 "$tmp/py.err")"
import sys
text = open(sys.argv[1]).read()
for want in ("- id: plumber", "entry: scripts/pre-commit-hook.sh", "language: script", "types: [go]"):
    assert want in text, want
EOF
[ -x "$HOOK" ] && ok || bad "scripts/pre-commit-hook.sh must be executable"
[ "$(git -C "$ROOT" ls-files -s scripts/pre-commit-hook.sh | cut -c1-6)" = 100755 ] && ok ||
	bad "scripts/pre-commit-hook.sh must be committed executable (git add --chmod=+x)"

mkdir -p "$tmp/bin"
ln -s "$PLUMBER" "$tmp/bin/plumber"
export PRE_COMMIT_HOME=$tmp/pre-commit PATH=$tmp/bin:$PATH
git -C "$R" init -q
git -C "$R" add b/clean.go go.mod
try() { (cd "$R" && timeout 120 pre-commit try-repo "$ROOT" plumber "$@" >"$tmp/out" 2>&1); rc=$?; out=$(cat "$tmp/out"); }
try
rc_is 0 "pre-commit with a clean package staged"
has "$out" "plumber lint" "pre-commit names the hook"
has "$out" "Passed" "pre-commit passes a clean package"
git -C "$R" add a/leak.go
try
rc_is 1 "pre-commit with a leaking package staged"
has "$out" "a/leak.go:6:" "pre-commit shows the finding"
has "$out" "a/other.go:6:" "pre-commit lints the whole package"
hasnt "$out" "sub.go" "pre-commit: not the subdirectory"
try --files b/clean.go
rc_is 0 "pre-commit --files on a clean package"

finish
