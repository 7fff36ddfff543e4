#!/usr/bin/env bash
# CLI tests for `plumber lint`: exit codes, options, output formats, input
# handling (stdin, unreadable, binary, broken, deep and huge files), the
# tree walk (./..., skips, symlink loops) and determinism across -j.
# Every run is bounded with timeout; everything happens in a temp dir.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/lint.sh"
pyjson() { # pyjson FILE PYTHON-EXPR-ASSERTS (d is the document)
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
exec(sys.argv[2])' "$1" "$2" 2>&1 | tail -1 | grep . && return 1
	return 0
}

clean() { printf 'package p\n\nfunc F() { defer println("bye") }\n' >"$1"; }

cd "$T"
mkdir one
leaky one/leak.go
clean one/clean.go

# ---------------------------------------------------------------- exit codes
run one/clean.go
rc_is 0 "clean file"
[ -z "$out" ] && pass || fail "clean file printed: $out"
[ -z "$err" ] && pass || fail "clean file wrote to stderr: $err"
run one/leak.go
rc_is 1 "file with a finding"
has "$out" "one/leak.go:11:3: defer-in-loop: " "text format"
[ "$(lines "$out")" = 1 ] && pass || fail "one finding expected: $out"
[ -z "$err" ] && pass || fail "findings must not go to stderr: $err"
run --bogus-option one/clean.go
rc_is 2 "unknown option"
has "$err" "unknown option" "unknown option message"
[ -z "$out" ] && pass || fail "usage error printed on stdout: $out"
[ "$(lines "$err")" = 1 ] && pass || fail "usage error is one line: $err"
run --format xml one/clean.go
rc_is 2 "unknown format"
has "$err" "xml" "unknown format named"
run --enable no-such-rule one/clean.go
rc_is 2 "unknown rule in --enable"
has "$err" "no-such-rule" "unknown rule named"
run --disable defer-in-loop,nope one/clean.go
rc_is 2 "unknown rule in a --disable list"
run does/not/exist.go
rc_is 2 "missing path"
has "$err" "does/not/exist.go" "missing path named"
run one/leak.go does/not/exist
rc_is 2 "missing path next to a leaky file"
has "$out" "one/leak.go:11:3" "findings still printed when another path is missing"
run --jobs abc one
rc_is 2 "bad --jobs"
run --max-file-size 0 one
rc_is 2 "--max-file-size 0"
printf 'hello\n' >notgo.txt
run notgo.txt
rc_is 2 "a named non-Go file"

# ---------------------------------------------------------------- rules on/off
run --disable defer-in-loop one/leak.go
rc_is 0 "rule disabled"
run --disable all one/leak.go
rc_is 0 "--disable all"
run --disable all --enable defer-in-loop one/leak.go
rc_is 1 "--disable all --enable RULE (options apply left to right)"
has "$out" "defer-in-loop" "--disable all --enable RULE reports RULE"
run --disable all --enable close-before-check one/leak.go
rc_is 0 "only another rule enabled"

# ---------------------------------------------------------------- --list-rules, --help
run --list-rules
rc_is 0 "--list-rules"
for r in defer-in-loop close-before-check; do
	has "$out" "$r" "--list-rules lists $r"
	for f in "$HERE"/lint/$r; do [ -d "$f" ] && pass || fail "golden dir for $r"; done
done
printf '%s\n' "$out" | awk 'NF < 3 { exit 1 }' && pass || fail "--list-rules: id, default and severity on each line"
run --help
rc_is 0 "--help"
for o in --enable --disable --list-rules --tests --no-tests --include-vendor --include-testdata \
	--include-hidden --max-file-size --format --jobs --progress --verbose --help; do
	has "$out" "$o" "--help mentions $o"
done
for f in text json sarif github; do has "$out" "$f" "--help names format $f"; done

# ---------------------------------------------------------------- formats
run -f json one
rc_is 1 "json with a finding"
printf '%s' "$out" >j.json
pyjson j.json '
assert d["version"] == 1
assert set(d) == {"version", "findings", "stats"}, d.keys()
assert len(d["findings"]) == 1
f = d["findings"][0]
for k in ("rule", "severity", "file", "line", "column", "end_line", "end_column", "message"):
    assert k in f, k
assert f["rule"] == "defer-in-loop" and f["file"] == "one/leak.go"
assert (f["line"], f["column"], f["end_line"]) == (11, 3, 11)
assert f["end_column"] > f["column"]
assert f["severity"] in ("warning", "error")
assert isinstance(f.get("fix", ""), str)
s = d["stats"]
for k in ("files", "bytes", "skipped", "elapsed_ms"):
    assert isinstance(s[k], int), k
assert s["files"] == 2 and s["skipped"] == 0
' && pass || fail "json shape"
run -f json one/clean.go
rc_is 0 "json clean"
printf '%s' "$out" >j0.json
pyjson j0.json 'assert d["findings"] == [] and d["stats"]["files"] == 1' && pass || fail "json with no findings"
run -f json one/leak.go does/not/exist
rc_is 2 "json with a missing path"
printf '%s' "$out" >j2.json
pyjson j2.json 'assert len(d["findings"]) == 1' && pass || fail "json stays valid when an input fails"

run --format sarif one
rc_is 1 "sarif with a finding"
printf '%s' "$out" >s.json
pyjson s.json '
assert d["version"] == "2.1.0"
run = d["runs"][0]
assert run["tool"]["driver"]["name"] == "plumber"
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert "defer-in-loop" in ids and "close-before-check" in ids
res = run["results"]
assert len(res) == 1
r = res[0]
assert r["ruleId"] == "defer-in-loop"
assert r["level"] in ("warning", "error", "note")
assert r["message"]["text"]
loc = r["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "one/leak.go"
assert loc["region"]["startLine"] == 11 and loc["region"]["startColumn"] == 3
if "ruleIndex" in r:
    assert ids[r["ruleIndex"]] == r["ruleId"]
' && pass || fail "sarif shape"

run --format github one
rc_is 1 "github format"
has "$out" "::warning file=one/leak.go,line=11," "github annotation"
[ -n "$out" ] && ! printf '%s\n' "$out" | grep -qv '^::' && pass || fail "github: every line is an annotation: $out"
mkdir cbc
cat >cbc/a.go <<'EOF'
package p

import "net/http"

func Get(u string) int {
	resp, err := http.Get(u)
	defer resp.Body.Close()
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
EOF
run --format github cbc
rc_is 1 "github format, error rule"
has "$out" "::error file=cbc/a.go,line=7," "github ::error for an error-severity rule"
mkdir odd
leaky 'odd/a,b:c%d.go'
run --format github odd
has "$out" "file=odd/a%2Cb%3Ac%25d.go," "github escapes , : % in the file property"

# ---------------------------------------------------------------- stdin
run - <one/leak.go
rc_is 1 "stdin"
has "$out" "<stdin>:11:3: defer-in-loop" "stdin is reported as <stdin>"
run - </dev/null
rc_is 0 "empty stdin"
[ -z "$out$err" ] && pass || fail "empty stdin prints nothing: $out $err"
run -f json - </dev/null
printf '%s' "$out" >e.json
pyjson e.json 'assert d["findings"] == []' && pass || fail "empty stdin json"

# ---------------------------------------------------------------- unreadable, binary, broken
mkdir bad
leaky bad/a.go
ln -s /proc/self/mem bad/ioerror.go # a regular file to stat, read fails (EIO)
run -j1 bad
rc_is 2 "file that cannot be read"
has "$err" "bad/ioerror.go" "unreadable file named on stderr"
has "$out" "bad/a.go:11:3" "run continues after an unreadable file"
hasnt "$out" "ioerror" "nothing about the unreadable file on stdout"
rm bad/ioerror.go
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	mkdir perm
	chmod 755 "$T" perm
	leaky perm/a.go
	leaky perm/locked.go
	chmod 000 perm/locked.go
	timeout 60 setpriv --reuid=65534 --regid=65534 --clear-groups "$PLUMBER" lint -j1 perm \
		>"$T/stdout" 2>"$T/stderr"
	rc=$? out=$(cat "$T/stdout") err=$(cat "$T/stderr")
	rc_is 2 "permission denied (as nobody)"
	has "$err" "perm/locked.go" "permission denied file named"
	has "$out" "perm/a.go:11:3" "run continues after a permission error"
fi
# In a walk, a dangling symlink and a FIFO named *.go are not regular files:
# skipped quietly, like gofmt does; the walk must not hang on the FIFO.
mkdir special
leaky special/a.go
ln -s nowhere.go special/dangling.go
mkfifo special/fifo.go
run special
rc_is 1 "dangling symlink and FIFO in a walk"
has "$out" "special/a.go:11:3" "walk with special files"
run special/fifo.go
rc_is 2 "FIFO named on the command line"
run special/dangling.go
rc_is 2 "dangling symlink named on the command line"

mkdir bin
printf 'package p\n\nfunc F(x []int) {\x00\x01\x02 for range x { defer println() } }\n' >bin/bin.go
leaky bin/ok.go
run bin
rc_is 2 "binary .go file"
has "$err" "bin/bin.go" "binary file named on stderr"
has "$out" "bin/ok.go:11:3" "run continues after a binary file"
hasnt "$out" "bin.go:" "no finding in the binary file"

mkdir syn
cat >syn/a.go <<'EOF'
package p

import "os"

func Before(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
	}
}

func Broken(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p) +++ )(
		defer f.Close()
	}
}

func After(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
	}
}
EOF
run syn/a.go
[ $rc -le 2 ] && [ $rc -ge 1 ] && pass || fail "syntax error: exit $rc (crash?)"
has "$out" "syn/a.go:8:3" "finding before the syntax error"
has "$out" "syn/a.go:22:3" "finding after the syntax error"
hasnt "$out" "syn/a.go:15:" "no finding inside the syntax error"
has "$err" "syntax error" "syntax error noted on stderr"
printf 'package p\n\nfunc F( {\n\tfor { defer\n' >syn/b.go
run syn/b.go
[ $rc -le 2 ] && pass || fail "truncated file: exit $rc (crash?)"

mkdir deep
python3 -c '
n = 50000
print("package p\n\nfunc F() int {\n\tdefer println()\n\treturn " + "(" * n + "1" + ")" * n + "\n}")' >deep/parens.go
python3 -c '
n = 50000
print("package p\n\nfunc F() {\n" + "{" * n + "for { defer println() }" + "}" * n + "\n}")' >deep/blocks.go
python3 -c '
n = 20000
print("package p\n\nvar X = " + "func() {" * n + "for { defer println() }" + "}()" * n + "\n")' >deep/literals.go
for f in parens blocks literals; do
	run deep/$f.go
	[ $rc -le 2 ] && pass || fail "deeply nested $f: exit $rc (crash?) ${err:0:200}"
done
python3 -c '
n = 300
print("package p\n\nimport \"os\"\n\nfunc F(x []string) {\n" + "if true {" * n + "for _, p := range x { f, _ := os.Open(p); defer f.Close() }" + "}" * n + "\n}")' >deep/moderate.go
run deep/moderate.go
rc_is 1 "300 nested ifs are linted"

mkdir huge
python3 -c '
print("package p\n\nimport \"os\"\n")
for i in range(30000):
    print("func F%d(xs []string) { for _, p := range xs { f, _ := os.Open(p); defer f.Close() } }" % i)' >huge/big.go
leaky huge/small.go
run --max-file-size 1 huge
rc_is 2 "file above --max-file-size"
has "$err" "huge/big.go" "big file named on stderr"
has "$err" "max-file-size" "message says which option"
has "$out" "huge/small.go:11:3" "run continues after a big file"
hasnt "$out" "big.go" "no finding in the skipped file"
run huge/big.go
rc_is 1 "the same file under the default limit"
[ "$(lines "$out")" = 30000 ] && pass || fail "30000 findings in big.go, got $(lines "$out")"

# ---------------------------------------------------------------- tree walk
mkdir -p tree/a tree/b/c tree/vendor/v tree/testdata tree/node_modules/m tree/.git tree/.hidden tree/_tmp
for d in a b/c vendor/v testdata node_modules/m .git .hidden _tmp; do leaky tree/$d/x.go; done
leaky tree/root.go
leaky tree/a/x_test.go
ln -s .. tree/b/c/up         # a loop back to tree/b
ln -s ../.. tree/b/c/top     # and one to tree
files() { printf '%s\n' "$out" | cut -d: -f1 | sort | paste -sd' '; }
(cd tree && run --tests ./... && echo "$rc" >"$T/rc" && files >"$T/files")
[ "$(cat "$T/files")" = "a/x.go a/x_test.go b/c/x.go root.go" ] && pass ||
	fail "./... walks the tree and skips vendor testdata node_modules hidden: $(cat "$T/files")"
run --tests tree
[ "$(files)" = "tree/a/x.go tree/a/x_test.go tree/b/c/x.go tree/root.go" ] && pass ||
	fail "a directory argument: $(files)"
run --tests tree/...
[ "$(files)" = "tree/a/x.go tree/a/x_test.go tree/b/c/x.go tree/root.go" ] && pass ||
	fail "dir/... form: $(files)"
run tree/b/...
[ "$(files)" = "tree/b/c/x.go" ] && pass || fail "sub/... form: $(files)"
run --tests ./tree/a
[ "$(files)" = "tree/a/x.go tree/a/x_test.go" ] && pass || fail "./dir form: $(files)"
run --no-tests tree
[ "$(files)" = "tree/a/x.go tree/b/c/x.go tree/root.go" ] && pass || fail "--no-tests: $(files)"
run --include-vendor tree
has "$(files)" "tree/vendor/v/x.go" "--include-vendor"
hasnt "$(files)" "testdata" "--include-vendor only"
run --include-testdata tree
has "$(files)" "tree/testdata/x.go" "--include-testdata"
hasnt "$(files)" "vendor" "--include-testdata only"
run --include-hidden tree
has "$(files)" "tree/.hidden/x.go" "--include-hidden"
hasnt "$(files)" "node_modules" "node_modules stays skipped"
run tree/vendor/v
has "$(files)" "tree/vendor/v/x.go" "a skipped directory named explicitly is linted"
run --tests tree tree/a tree/...
[ "$(lines "$out")" = 4 ] && pass || fail "a file named twice is linted once: $(lines "$out") lines"
run tree/b/c/up/c/x.go
rc_is 1 "a path through a symlink"
run tree/b/c/up
rc_is 1 "a symlinked directory named explicitly terminates"

# ---------------------------------------------------------------- test files
# A leak in a _test.go file is shown by default only where the package's
# tests check for leaks (there it fails the suite); elsewhere it is counted.
mkdir -p tp/plain tp/goleak tp/helper tp/other tp/lt
for d in plain goleak helper other lt; do
	clean tp/$d/a.go
	leaky tp/$d/a_test.go
done
cat >tp/goleak/main_test.go <<'EOF'
package p

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
EOF
cat >tp/helper/main_test.go <<'EOF'
package p

import "testing"

func afterTest(t testing.TB) {}

func TestX(t *testing.T) { defer afterTest(t) }
EOF
cat >tp/lt/main_test.go <<'EOF'
package p

import (
	"testing"

	"github.com/fortytw2/leaktest"
)

func TestX(t *testing.T) { defer leaktest.Check(t)() }
EOF
# a check for other leaks (snapshots) is not a goroutine leak check
cat >tp/other/main_test.go <<'EOF'
package p

import "testing"

func checkSnapshotLeaks(t *testing.T) {}

// TestNoLeak is named like one, but calls nothing.
func TestNoLeak(t *testing.T) { checkSnapshotLeaks(t) }
EOF
cat >tp/plain/example_test.go <<'EOF'
package p

import "os"

func ExampleOpen() {
	for _, p := range []string{"a", "b"} {
		f, _ := os.Open(p)
		defer f.Close()
	}
}
EOF
run -j1 tp
rc_is 1 "test policy: findings in leak-checked packages"
for d in goleak helper lt; do
	has "$out" "tp/$d/a_test.go:11:3: defer-in-loop" "test finding shown where the tests check for leaks ($d)"
done
hasnt "$out" "tp/plain/a_test.go" "test finding hidden in a package whose tests do not check for leaks"
hasnt "$out" "tp/other/a_test.go" "a check for other leaks does not count"
has "$out" "tp/plain/example_test.go:8:3: defer-in-loop" "an Example in a test file is shown (documentation)"
[ "$(lines "$err")" = 1 ] && pass || fail "one stderr line for test files not linted: $err"
has "$err" "2 test files not linted: only packages whose tests check for leaks show test findings (--tests lints all)" "test files not linted are counted"
run -j1 tp/other
rc_is 0 "hidden test findings do not make the exit status 1"
[ -z "$out" ] && pass || fail "hidden test finding printed: $out"
has "$err" "1 test file not linted:" "one test file not linted"
# A test file with an Example is linted for it; its other findings are
# counted, not shown.
mkdir -p tpx
clean tpx/a.go
cat >tpx/example_test.go <<'EOF'
package p

import (
	"os"
	"testing"
)

func ExampleOpen() {
	for _, p := range []string{"a", "b"} {
		f, _ := os.Open(p)
		defer f.Close()
	}
}

func TestOpen(t *testing.T) {
	for _, p := range []string{"a", "b"} {
		f, _ := os.Open(p)
		defer f.Close()
	}
}
EOF
run -j1 tpx
has "$out" "tpx/example_test.go:11:3: defer-in-loop" "the Example's finding is shown"
hasnt "$out" "tpx/example_test.go:18" "the test's finding in the same file is not"
has "$err" "1 finding in test code not shown (--tests shows it)" "one hidden finding counted"
run -j1 tp/plain/a_test.go
rc_is 1 "a test file named on the command line shows its findings"
has "$out" "tp/plain/a_test.go:11:3" "a named test file is linted as asked"
run -j1 --tests tp
rc_is 1 "--tests"
for d in plain goleak helper other lt; do
	has "$out" "tp/$d/a_test.go:11:3" "--tests shows test findings ($d)"
done
hasnt "$err" "not shown" "--tests: nothing hidden"
run -j1 --no-tests tp
hasnt "$out" "_test.go:11" "--no-tests does not read test files"
hasnt "$out" "example_test.go" "--no-tests leaves out every _test.go file, examples too"
hasnt "$err" "not shown" "--no-tests: nothing counted"
run --tests --no-tests tp
rc_is 2 "--tests with --no-tests"
run -j1 -f json tp
printf '%s' "$out" >tp.json
pyjson tp.json '
files = sorted({f["file"] for f in d["findings"]})
assert files == ["tp/goleak/a_test.go", "tp/helper/a_test.go", "tp/lt/a_test.go",
                 "tp/plain/example_test.go"], files
assert d["stats"]["tests_unlinted"] == 2 and d["stats"]["tests_hidden"] == 0, d["stats"]
' && pass || fail "json follows the test policy"
run -j1 -f sarif tp
printf '%s' "$out" >tp.sarif
pyjson tp.sarif '
uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in d["runs"][0]["results"])
assert "tp/plain/a_test.go" not in uris and "tp/goleak/a_test.go" in uris, uris
' && pass || fail "sarif follows the test policy"
run -j1 -f json --tests tp
printf '%s' "$out" >tp2.json
pyjson tp2.json 'assert len(d["findings"]) == 6 and d["stats"]["tests_hidden"] == 0' && pass ||
	fail "json with --tests"
run -j1 -f json one
printf '%s' "$out" >tp3.json
pyjson tp3.json 'assert d["stats"]["tests_hidden"] == 0' && pass || fail "json tests_hidden is 0 with no tests"

# ---------------------------------------------------------------- newer Go syntax
# Go 1.26's new(expr) is read as a call: the file parses whole, nothing is
# said without -v, and findings around it are where they are.
mkdir newexpr
cat >newexpr/a.go <<'EOF'
package p

import (
	"os"
	"time"
)

type T struct{ N *int64; D *time.Duration; S *string; B *bool }

func Build(paths []string, x T) T {
	t := T{N: new(int64(500)), D: new(5 * time.Second), S: new("x")}
	t.B = new(x.S != nil && *x.S == "https")
	n := new(int)
	_ = n
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
	}
	return t
}
EOF
run -j1 newexpr
rc_is 1 "new(expr)"
has "$out" "newexpr/a.go:17:3: defer-in-loop" "finding after new(expr) at its line"
[ -z "$err" ] && pass || fail "new(expr) draws no stderr line: $err"
run -j1 -v newexpr
has "$err" "1 file uses Go 1.26's new(expr)" "-v says new(expr) was read as a call"
mkdir -p syn2
for i in 1 2 3; do printf 'package p\n\nfunc F%d( {\n\tfor { defer\n' $i >syn2/b$i.go; done
leaky syn2/ok.go
run -j1 syn2
rc_is 1 "several files with syntax errors"
has "$out" "syn2/ok.go:11:3" "linting goes on"
[ "$(lines "$err")" = 1 ] && pass || fail "one summary line for several syntax errors: $err"
has "$err" "3 files have syntax errors" "syntax errors counted"
has "$err" "first: syn2/b1.go:3" "the first one named"
run -j1 -v syn2
[ "$(printf '%s\n' "$err" | grep -c 'syn2/b[0-9].go:3: syntax error')" = 3 ] && pass ||
	fail "-v names each file with a syntax error: $err"

# ---------------------------------------------------------------- net/http by import path
# A package named http elsewhere is linted like any other, and its own
# Server type is not net/http's; net/http itself (module std) is not.
mkdir -p imp/app/http imp/goroot/src/net/http
printf 'module example.com/app\n\ngo 1.21\n' >imp/app/go.mod
cat >imp/app/http/server.go <<'EOF'
package http

import "net/http"

type Server struct{ Addr string }

func NewServer(addr string) *Server { return &Server{Addr: addr} }

func Fetch(u string) int {
	resp, err := http.Get(u)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
EOF
printf 'module std\n\ngo 1.19\n' >imp/goroot/src/go.mod
cat >imp/goroot/src/net/http/client.go <<'EOF'
package http

type Response struct{ StatusCode int }

func Get(u string) (*Response, error) { return &Response{}, nil }

func status(u string) int {
	resp, err := Get(u)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
EOF
run -j1 --disable all --enable body-not-closed,server-no-timeouts imp
rc_is 1 "package named http"
has "$out" "imp/app/http/server.go:10:" "a package named http outside net/http is linted"
hasnt "$out" "server-no-timeouts" "its own Server type is not net/http's"
hasnt "$out" "imp/goroot" "net/http's own package (module std) is not linted"
(cd imp/goroot/src/net/http && run -j1 --disable all --enable body-not-closed . && echo "$rc" >"$T/rc")
[ "$(cat "$T/rc")" = 0 ] && pass || fail "net/http from inside its directory"

# ---------------------------------------------------------------- determinism
mkdir many
for i in $(seq 1 80); do
	mkdir -p many/p$i/sub
	leaky many/p$i/a.go
	cp cbc/a.go many/p$i/sub/b.go
	[ $((i % 7)) = 0 ] && printf 'package p\nfunc (\n' >many/p$i/broken.go
	[ $((i % 11)) = 0 ] && clean many/p$i/c.go
done
run -j1 many
out1=$out err1=$err rc1=$rc
[ "$(lines "$out1")" = 160 ] && pass || fail "many packages: want 160 findings, got $(lines "$out1")"
for j in 2 8 32; do
	run -j$j many
	[ "$out" = "$out1" ] && pass || fail "-j$j stdout differs from -j1"
	[ "$err" = "$err1" ] && pass || fail "-j$j stderr differs from -j1"
	[ "$rc" = "$rc1" ] && pass || fail "-j$j exit differs from -j1"
done
run -j1 -f json many
j1=$(printf '%s' "$out" | grep -v elapsed_ms)
run -j8 -f json many
[ "$(printf '%s' "$out" | grep -v elapsed_ms)" = "$j1" ] && pass || fail "-j8 json differs from -j1"
printf '%s\n' "$out1" | cut -d: -f1 | awk '{ print (NR == 1 || prev <= $0) ? "ok" : "bad"; prev = $0 }' |
	grep -q bad && fail "findings not in input order" || pass

summary
