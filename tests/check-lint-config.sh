#!/usr/bin/env bash
# Tests of .plumber.yml (plumber lint's config file): discovery (the
# current directory, a parent, never above the repository root), --config,
# --no-config, flags over the file, the effect of every key and per-rule
# option, every kind of bad file (exit 2, file:line in one stderr line),
# --print-config, and the cache seeing config changes. Every run is
# bounded with timeout; everything happens in a temp dir, each tree with
# its own .git so no config above the temp dir is found.
set -u
EXAMPLE=$(realpath "$(dirname "$0")/../docs/plumber.example.yml")
. "$(dirname "$0")/lib/lint.sh"
export XDG_CACHE_HOME="$T/xdg-cache"
LINT_ARGS=(--no-cache)

# run_cached DIR ARGS...: a run with the cache in DIR.
run_cached() {
	local dir=$1
	shift
	LINT_ARGS=(--cache "$dir")
	run "$@"
	LINT_ARGS=(--no-cache)
}

# ---------------------------------------------------------------- discovery
cd "$T"
mkdir -p repo/.git repo/sub/deep
leaky repo/sub/deep/a.go
# above the repository root: must never be read
printf 'disable: [defer-in-loop]\n' >"$T/.plumber.yml"

cd "$T/repo/sub/deep"
run .
rc_is 1 "no config in the repository: defaults"
has "$out" "a.go:11:3: defer-in-loop" "a .plumber.yml above the .git directory is not used"
run --print-config
has "$out" "config file: none" "--print-config: no file found"

printf 'disable: [defer-in-loop]\n' >"$T/repo/.plumber.yml"
run .
rc_is 0 "config at the repository root, two levels up"
run --print-config
has "$out" "config file: ../../.plumber.yml" "--print-config names the file found"
has "$out" "defer-in-loop                       # ../../.plumber.yml:1" "--print-config: origin file:line"

printf 'enable: [defer-in-loop]\n' >"$T/repo/sub/.plumber.yml"
run .
rc_is 1 "the nearest config wins (parent directory)"
printf 'disable: [defer-in-loop]\n' >"$T/repo/sub/deep/.plumber.yml"
run .
rc_is 0 "config in the current directory"
rm "$T/repo/sub/deep/.plumber.yml" "$T/repo/sub/.plumber.yml"

# .git as a file (a worktree or submodule) ends the search too
mkdir -p "$T/wt/pkg"
leaky "$T/wt/pkg/a.go"
printf 'gitdir: /nowhere\n' >"$T/wt/.git"
cd "$T/wt/pkg"
run .
rc_is 1 "a .git file is a repository root: the temp dir's config is not read"

# --config and --no-config
cd "$T/repo/sub/deep"
printf 'enable: [defer-in-loop]\n' >"$T/other.yml"
run --config "$T/other.yml" .
rc_is 1 "--config FILE replaces the one found"
run --print-config --config "$T/other.yml"
has "$out" "$T/other.yml:1" "--print-config: origin is the --config file"
run --no-config .
rc_is 1 "--no-config ignores the file found"
run --no-config --print-config
has "$out" "config file: none (--no-config)" "--print-config says --no-config"
run --no-config --config "$T/other.yml" .
rc_is 2 "--config with --no-config"
has "$err" "--no-config" "--config with --no-config: message"

# ---------------------------------------------------------------- flags beat the file
run --enable defer-in-loop .
rc_is 1 "--enable beats the file's disable"
run --enable defer-in-loop --print-config
has "$out" "defer-in-loop                       # --enable" "--print-config: origin is the flag"
printf 'enable: [defer-in-loop]\n' >"$T/repo/.plumber.yml"
run --disable defer-in-loop .
rc_is 0 "--disable beats the file's enable"
run --disable all --print-config
has "$out" "enable: []" "--disable all leaves nothing enabled"

# ---------------------------------------------------------------- each key
mkdir -p "$T/keys/.git" "$T/keys/svc" "$T/keys/internal/legacy" "$T/keys/gen" "$T/keys/cmd"
cd "$T/keys"
leaky svc/a.go svc
leaky internal/legacy/old.go legacy
leaky gen/model_gen.go gen
leaky svc/api_gen.go svc
cat >cmd/main.go <<'EOF'
package main

import "net/http"

func main() {
	resp, err := http.Get("http://example.com")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	println(resp.StatusCode)
}
EOF
cat >svc/a_test.go <<'EOF'
package svc

import (
	"net/http"
	"testing"
)

func TestGet(t *testing.T) {
	resp, err := http.Get("http://example.com")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.StatusCode
}
EOF
run .
rc_is 1 "keys: defaults"
for f in svc/a.go internal/legacy/old.go gen/model_gen.go svc/api_gen.go; do
	has "$out" "$f:11:3: defer-in-loop" "defaults report $f"
done
hasnt "$out" "client-no-timeout" "client-no-timeout is off by default"
hasnt "$out" "a_test.go" "test findings hidden by default"

printf 'enable: [client-no-timeout]\n' >.plumber.yml
run .
has "$out" "cmd/main.go:6:15: client-no-timeout" "enable: turns an off rule on"
printf 'disable: [all]\nenable: [client-no-timeout]\n' >.plumber.yml
run .
[ "$(lines "$out")" = 1 ] && pass || fail "disable: [all] with one rule enabled: $out"
printf 'enable: [all]\ndisable: [defer-in-loop]\n' >.plumber.yml
run .
hasnt "$out" "defer-in-loop" "enable: [all] with one rule disabled"
has "$out" "client-no-timeout" "enable: [all] turns every rule on"

printf 'tests: true\n' >.plumber.yml
run .
has "$out" "svc/a_test.go:9:15: body-not-closed" "tests: true shows test findings"
run --no-tests .
hasnt "$out" "a_test.go" "--no-tests beats tests: true"
run --no-tests --print-config
has "$out" "tests: false                            # --no-tests" "--print-config: tests from the flag"
printf 'tests: false\n' >.plumber.yml
run --tests .
has "$out" "svc/a_test.go:9:15" "--tests beats tests: false"
run .
hasnt "$out" "a_test.go" "tests: false is the default policy"

cat >.plumber.yml <<'EOF'
# generated and legacy code is not ours to fix
exclude:
  - internal/legacy/
  - "**/*_gen.go"
EOF
run .
rc_is 1 "exclude: the rest is still linted"
has "$out" "svc/a.go:11:3" "exclude: other files still reported"
hasnt "$out" "legacy" "exclude: a directory glob"
hasnt "$out" "_gen.go" "exclude: ** at any depth, top and nested"
run -f json .
printf '%s' "$out" >keys.json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["stats"]["files"] == 3, d["stats"]' keys.json &&
	pass || fail "exclude: excluded files are not counted in stats.files"
cd svc
run ./...
rc_is 1 "exclude from a subdirectory"
has "$out" "a.go:11:3" "exclude from a subdirectory: a.go reported"
hasnt "$out" "api_gen.go" "exclude from a subdirectory: globs are relative to the config's directory"
run ../...
hasnt "$out" "legacy" "exclude with ../... paths"
hasnt "$out" "_gen.go" "exclude with ../... paths (gen)"
run api_gen.go
rc_is 0 "exclude: a file named on the command line is excluded too"
[ -z "$out" ] && pass || fail "an excluded named file prints nothing: $out"
cd ..
run "$T/keys/svc/api_gen.go"
rc_is 0 "exclude: an absolute path is matched canonically"
run --no-config .
has "$out" "_gen.go" "--no-config: no excludes"
# an excluded file that cannot be linted does not fail the run
printf 'package svc\x00\x01binary\n' >svc/blob_gen.go
run .
rc_is 1 "an excluded binary file is not an input error"
hasnt "$err" "blob_gen.go" "an excluded binary file is not mentioned"
rm svc/blob_gen.go
run -j1 .
out1=$out
run -j8 .
[ "$out" = "$out1" ] && pass || fail "-j8 output differs from -j1 with a config"

cat >.plumber.yml <<'EOF'
exclude-rules:
  - path: internal/legacy
    rules: [defer-in-loop]
  - path: "**/*_gen.go"
    rules: [close-before-check, defer-in-loop]
EOF
run .
has "$out" "svc/a.go:11:3: defer-in-loop" "exclude-rules: other paths keep the rule"
hasnt "$out" "legacy" "exclude-rules: the rule dropped in the path"
hasnt "$out" "_gen.go" "exclude-rules: a second entry"
printf 'exclude-rules:\n  - path: internal/legacy\n    rules: [close-before-check]\n' >.plumber.yml
run .
has "$out" "internal/legacy/old.go:11:3: defer-in-loop" "exclude-rules: other rules still run there"

# an excluded file still gives its package facts: its helper closes the body
mkdir -p "$T/facts/.git" "$T/facts/p"
cd "$T/facts"
cat >p/close_gen.go <<'EOF'
package p

import "net/http"

func release(r *http.Response) { r.Body.Close() }
EOF
cat >p/a.go <<'EOF'
package p

import "net/http"

func Get(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	release(resp)
	return nil
}
EOF
printf 'exclude: ["**/*_gen.go"]\n' >.plumber.yml
run .
rc_is 0 "an excluded file's helper still counts for its package"

# ---------------------------------------------------------------- per-rule options
mkdir -p "$T/opts/.git" "$T/opts/closers" "$T/opts/noret" "$T/opts/cbc" "$T/opts/clients"
cd "$T/opts"
cat >closers/a.go <<'EOF'
package p

import (
	"net/http"

	d "internal/iox"
)

func finish(r *http.Response) { _ = r.StatusCode }

func Get(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	finish(resp)
	return nil
}

func Get2(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	d.Drain(resp.Body)
	return nil
}
EOF
cat >noret/a.go <<'EOF'
package p

import (
	"net/http"

	"example.com/mylog"
)

func Get(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		mylog.Die("bad status")
		return nil
	}
	defer resp.Body.Close()
	return nil
}
EOF
cat >cbc/a.go <<'EOF'
package p

import (
	"net/http"

	"example.com/mylog"
)

func Get(u string) int {
	resp, err := http.Get(u)
	if err != nil {
		mylog.Die("cannot get")
	}
	defer resp.Body.Close()
	return resp.StatusCode
}
EOF
cat >clients/a.go <<'EOF'
package p

import "example.com/retry"

func Status(c *retry.Client, u string) (int, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
EOF
run .
has "$out" "closers/a.go:12:15: body-not-closed" "closers: finding before (local helper that reads)"
has "$out" "closers/a.go:21:15: body-not-closed" "closers: finding before (package that reads)"
has "$out" "noret/a.go:10:15: body-not-closed" "no-return: finding before"
has "$out" "cbc/a.go:14:2: close-before-check" "close-before-check no-return: finding before"
hasnt "$out" "clients/" "clients: nothing before (the type is not known to be a client)"
cat >.plumber.yml <<'EOF'
rules:
  body-not-closed:
    closers: [finish, internal/iox.Drain]
    no-return: [mylog.Die]
    clients: [example.com/retry.Client]
  close-before-check:
    no-return: [example.com/mylog.Die]
EOF
run .
hasnt "$out" "closers/" "closers: the listed functions close the body"
hasnt "$out" "noret/" "no-return: the listed function ends the path"
hasnt "$out" "cbc/" "close-before-check no-return: the check ends in a listed function"
has "$out" "clients/a.go:6:15: body-not-closed" "clients: the listed type's Get returns a body to close"
cat >.plumber.yml <<'EOF'
rules:
  body-not-closed:
    closers: [other.Drain, iox.Finish]
    no-return: [otherlog.Die]
  defer-in-loop:
    no-return: [mylog.Die]
EOF
run .
has "$out" "closers/a.go:21:15" "closers: another package's function of that name does not count"
has "$out" "noret/a.go:10:15" "no-return: another rule's list does not change this rule"

# the cache key holds the options and exclude-rules
C="$T/cache"
printf 'rules:\n  body-not-closed:\n    closers: []\n' >.plumber.yml
run_cached "$C" closers
rc_is 1 "cache: cold run"
run_cached "$C" closers
rc_is 1 "cache: warm run"
printf 'rules:\n  body-not-closed:\n    closers: [finish, iox.Drain]\n' >.plumber.yml
run_cached "$C" closers
rc_is 0 "cache: changed options are not answered from the cache"
printf 'exclude-rules:\n  - path: closers\n    rules: [body-not-closed]\n' >.plumber.yml
run_cached "$C" closers
rc_is 0 "cache: exclude-rules"
printf '\n' >.plumber.yml
run_cached "$C" closers
rc_is 1 "cache: back to no settings"

# ---------------------------------------------------------------- bad files
mkdir -p "$T/bad/.git"
cd "$T/bad"
leaky a.go
# bad NAME LINE NEEDLE CONTENT: the file must give exit 2 and "NAME:LINE:" with NEEDLE, one line
bad() {
	local what=$1 line=$2 needle=$3
	printf '%b' "$4" >.plumber.yml
	run .
	rc_is 2 "$what"
	has "$err" "plumber lint: .plumber.yml:$line:" "$what: file:line"
	has "$err" "$needle" "$what: says what"
	[ "$(lines "$err")" = 1 ] && pass || fail "$what: one line: $err"
	[ -z "$out" ] && pass || fail "$what: nothing on stdout: $out"
	run --print-config
	rc_is 2 "$what (--print-config)"
}
bad "unknown key" 2 "unknown key 'enabled'; expected enable, disable" 'tests: true\nenabled: [defer-in-loop]\n'
bad "unknown key in an exclude-rules entry" 3 "unknown key 'rule'" 'exclude-rules:\n  - path: a\n    rule: [defer-in-loop]\n'
bad "list given a single value" 1 "expected a list of rule names" 'enable: defer-in-loop\n'
bad "tests not a boolean" 1 "expected true or false" 'tests: "yes"\n'
bad "tests a list" 1 "'tests' is a list; expected true or false" 'tests: [true]\n'
bad "exclude a mapping" 1 "expected a list of path globs" 'exclude: {a: b}\n'
bad "rules a list" 1 "expected a mapping" 'rules: [body-not-closed]\n'
bad "top level a list" 1 "expected a mapping of settings" '- enable\n'
bad "unknown rule" 2 "unknown rule 'defer-in-loops'; expected all or body-not-closed" '# rules\ndisable: [defer-in-loops]\n'
bad "unknown rule in exclude-rules" 3 "unknown rule 'nope'" 'exclude-rules:\n  - path: a\n    rules: [nope]\n'
bad "unknown rule under rules" 2 "unknown rule 'bodyclose'" 'rules:\n  bodyclose:\n    closers: [x]\n'
bad "unknown option" 3 "unknown option 'closer' of body-not-closed; expected closers, clients or no-return" 'rules:\n  body-not-closed:\n    closer: [x]\n'
bad "option of a rule that has none" 3 "server-no-timeouts has no options" 'rules:\n  server-no-timeouts:\n    no-return: [x]\n'
bad "bad name in an option" 3 "must be a Go identifier" 'rules:\n  body-not-closed:\n    closers: ["a b"]\n'
bad "glob outside the directory" 1 "expected a path relative to the config file" 'exclude: [../other]\n'
bad "exclude-rules entry without rules" 2 "without rules; expected path and rules" 'exclude-rules:\n  - path: a\n'
bad "a rule enabled and disabled" 2 "both enabled (line 1) and disabled" 'enable: [defer-in-loop]\ndisable: [defer-in-loop]\n'
bad "a key twice" 3 "given twice (first at line 1)" 'tests: true\nenable: []\ntests: false\n'
bad "a name with a line break stays one line" 1 "unknown rule 'a\\x0ab'" 'enable: ["a\\nb"]\n'
bad "YAML syntax error" 2 "YAML syntax error" 'enable: [defer-in-loop\ntests: true\n'
bad "YAML tab indentation" 2 "YAML syntax error" 'rules:\n\tbody-not-closed: {}\n'
bad "two YAML documents" 2 "a second YAML document" 'tests: true\n---\ntests: false\n'

# an empty file, comments only, or a null document: no settings at all
for content in '' '# nothing yet\n' '---\n' '~\n'; do
	printf '%b' "$content" >.plumber.yml
	run .
	rc_is 1 "empty config ($content) sets nothing"
	has "$out" "a.go:11:3: defer-in-loop" "empty config ($content): defaults"
done

# a config file that cannot be read
rm .plumber.yml
ln -s does-not-exist .plumber.yml
run .
rc_is 2 "a dangling .plumber.yml is found and cannot be read"
has "$err" "cannot read config file '.plumber.yml'" "unreadable config: message"
rm .plumber.yml
mkdir .plumber.yml
run .
rc_is 2 "a directory named .plumber.yml"
rmdir .plumber.yml
run --config missing.yml .
rc_is 2 "--config with a missing file"
has "$err" "missing.yml" "--config missing: names the file"
if [ "$(id -u)" != 0 ]; then
	printf 'tests: true\n' >.plumber.yml
	chmod 000 .plumber.yml
	run .
	rc_is 2 "an unreadable .plumber.yml"
	chmod 644 .plumber.yml
	rm .plumber.yml
fi

# ---------------------------------------------------------------- --print-config
cd "$T/keys"
cat >.plumber.yml <<'EOF'
enable: [client-no-timeout]
disable: [server-no-timeouts]
tests: true
exclude: ["**/*_gen.go", internal/legacy]
exclude-rules:
  - path: cmd
    rules: [client-no-timeout]
rules:
  body-not-closed:
    closers: [finish]
  close-before-check:
    no-return: [log.Die]
EOF
run --print-config --disable transport-per-call
rc_is 0 "--print-config exits 0"
printf '%s\n' "$out" >printed.yml
for want in \
	"  - client-no-timeout                   # .plumber.yml:1" \
	"  - body-not-closed                     # default" \
	"  - server-no-timeouts                  # .plumber.yml:2" \
	"  - transport-per-call                  # --disable" \
	"tests: true                             # .plumber.yml:3" \
	'  - "**/*_gen.go"                       # .plumber.yml:4' \
	'  - path: "cmd"                         # .plumber.yml:6' \
	"    rules: [client-no-timeout]" \
	'    closers: ["finish"]                 # .plumber.yml:10' \
	'    no-return: ["log.Die"]              # .plumber.yml:12' \
	"    clients: []                         # default"; do
	has "$out" "$want" "--print-config line"
done
# what it prints is a config file that says the same
run --config printed.yml --print-config
printf '%s\n' "$out" | grep -v '^#' | sed 's/ *#.*//' >again.txt
grep -v '^#' printed.yml | sed 's/ *#.*//' >first.txt
cmp -s first.txt again.txt && pass || fail "--print-config output read back gives the same settings: $(diff first.txt again.txt)"
# the documented example is a valid config that sets every key
run --config "$EXAMPLE" --print-config
rc_is 0 "docs/plumber.example.yml is valid"
for line in "- client-no-timeout" "- server-no-timeouts" "tests: false" "generated: false" '- "internal/legacy"' \
	'- path: "cmd/tools"' "closers: [" "clients: [" "no-return: ["; do
	printf '%s\n' "$out" | grep -F -- "$line" | grep -q "plumber.example.yml:" &&
		pass || fail "docs/plumber.example.yml sets '$line'"
done
run --help
for o in --config --no-config --print-config; do has "$out" "$o" "--help mentions $o"; done

summary
