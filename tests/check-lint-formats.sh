#!/usr/bin/env bash
# The report formats of `plumber lint` beside text and json: checkstyle,
# code-climate, junit-xml and sarif. A small Go module written here has
# findings whose paths and messages hold what each format must escape
# (& < > " ' in paths and messages, control characters, a byte that is
# not UTF-8). Each report is checked against its format's published shape:
# SARIF against the SARIF 2.1.0 JSON schema (as the @microsoft/jest-sarif
# npm package ships it), code-climate against a JSON schema of GitLab's
# required fields, checkstyle and junit-xml against XSDs of their shapes
# (tests/formats/) with xmllint, and every one of them against the JSON
# report: the same findings, counted right. Code-climate fingerprints must
# survive lines moving. Every run is bounded with timeout, in a temp dir.
set -u
cd "$(dirname "$0")/.."
. tests/lib/check.sh
ROOT=$PWD
FORMATS="checkstyle code-climate junit-xml sarif"

command -v xmllint >/dev/null || { bad "xmllint is not installed (bash scripts/setup.sh --test installs it)"; finish; }
node -e 'require("ajv-draft-04"); require("ajv-formats"); require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json")' 2>/dev/null ||
	{ bad "the JSON schema validator or the SARIF schema is not installed (bash scripts/setup.sh --test)"; finish; }

# lint DIR FORMAT OUT [ARGS...]: plumber lint in DIR; sets rc, leaves stderr in $tmp/err
lint() {
	local dir=$1 format=$2 out=$3
	shift 3
	(cd "$dir" && timeout 60 "$PLUMBER" lint --no-cache --format "$format" "$@" . >"$out" 2>"$tmp/err")
	rc=$?
}
rc_is() { if [ "$rc" = "$1" ]; then ok; else bad "$2: exit $rc, want $1 ($(head -c 300 "$tmp/err"))"; fi; }
xsd() { # xsd SCHEMA FILE: xmllint validates FILE
	local out
	if out=$(xmllint --noout --schema "$ROOT/tests/formats/$1" "$2" 2>&1); then ok; else bad "$2 against $1: $out"; fi
}
schema() { # schema SCHEMA|sarif FILE: the JSON document validates
	local s=$1 out
	[ "$s" = sarif ] || s=$ROOT/tests/formats/$s
	if out=$(node "$ROOT/tests/lib/validate-json.js" "$s" "$2" 2>&1); then ok; else bad "$2 against $1: ${out:0:600}"; fi
}

# ------------------------------------------------------------ a module to lint
M=$tmp/mod
mkdir -p "$M/a&b" "$M/it's"
printf 'module example.com/fm\n\ngo 1.21\n' >"$M/go.mod"
# markup characters in the path and in the condition the message quotes
cat >"$M/a&b/q<u>o'te\"s.go" <<'EOF'
package ab

import "net/http"

func Fetch(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	if resp.StatusCode < 200 && resp.Header.Get("X-Q") != "a&b<c>'d\"e" {
		return nil
	}
	defer resp.Body.Close()
	return nil
}
EOF
# control characters in the message, a byte that is not UTF-8 in the path
printf 'package ab\n\nimport "net/http"\n\nfunc G(c *http.Client, u string) int {\n\tresp, err := c.Get(u)\n\tif err != nil {\n\t\treturn 0\n\t}\n\tif resp.Header.Get("K") == "\x01\x1b\x7f" {\n\t\treturn 1\n\t}\n\tresp.Body.Close()\n\treturn 2\n}\n' \
	>"$M/a&b/bad$(printf '\377')é.go"
# two rules, one of severity error; two findings alike but for their function
cat >"$M/it's/loop.go" <<'EOF'
package its

import (
	"net/http"
	"os"
)

func Mirror(c *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close()
	}
}

func Head(c *http.Client, u string) error {
	resp, err := c.Head(u)
	defer resp.Body.Close()
	if err != nil {
		return err
	}
	return nil
}

func One(c *http.Client, u string) {
	resp, _ := c.Get(u)
	if resp.StatusCode != 200 {
		return
	}
	resp.Body.Close()
}

func Two(c *http.Client, u string) {
	resp, _ := c.Get(u)
	if resp.StatusCode != 200 {
		return
	}
	resp.Body.Close()
}

func Files(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}
EOF

lint "$M" json "$tmp/r.json"
rc_is 1 "json"
n=$(jsq "$tmp/r.json" 'r.findings.length')
[ "${n:-0}" -ge 7 ] && ok || bad "the module should have at least 7 findings, has ${n:-none}"
[ "$(jsq "$tmp/r.json" 'new Set(r.findings.map(f => f.rule)).size')" -ge 3 ] && ok ||
	bad "the module should have findings of three rules: $(jsq "$tmp/r.json" 'r.findings.map(f => f.rule)')"

for f in $FORMATS; do
	lint "$M" "$f" "$tmp/r.$f"
	rc_is 1 "--format $f with findings"
	[ -s "$tmp/err" ] && bad "--format $f wrote to stderr: $(head -c 300 "$tmp/err")" || ok
done
xsd checkstyle.xsd "$tmp/r.checkstyle"
xsd junit.xsd "$tmp/r.junit-xml"
schema code-climate.schema.json "$tmp/r.code-climate"
schema sarif "$tmp/r.sarif"

# The same findings as the JSON report, in every format. XML 1.0 cannot
# carry most control characters: they must arrive as U+FFFD.
compare() { # compare FORMAT FILE: python checks; prints what differs
	python3 - "$1" "$2" "$tmp/r.json" <<'EOF'
import json, re, sys
import xml.etree.ElementTree as ET
fmt, path, ref = sys.argv[1], sys.argv[2], sys.argv[3]
want = json.load(open(ref, encoding="utf-8"))["findings"]
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)
def xmltext(s):
    s = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", s)
    return s.replace("\r\n", "\n")
raw = open(path, "rb").read()
if fmt == "checkstyle":
    root = ET.fromstring(raw)
    check(root.tag == "checkstyle" and root.get("version"), "root is <checkstyle version>")
    got = [(f.get("name"), int(e.get("line")), int(e.get("column")), e.get("severity"),
            e.get("message"), e.get("source")) for f in root.findall("file") for e in f.findall("error")]
    exp = [(w["file"], w["line"], w["column"], w["severity"], xmltext(w["message"]),
            "plumber." + w["rule"]) for w in want]
    check(got == exp, "checkstyle errors differ from the JSON findings:\n%r\n%r" % (got, exp))
    names = [f.get("name") for f in root.findall("file")]
    check(len(names) == len(set(names)), "a file is listed twice")
    check(all(len(f.findall("error")) for f in root.findall("file")), "a <file> without errors")
elif fmt == "junit-xml":
    root = ET.fromstring(raw)
    check(root.tag == "testsuites", "root is <testsuites>")
    cases, total = [], 0
    for s in root.findall("testsuite"):
        tcs = s.findall("testcase")
        fails = [t for t in tcs if t.find("failure") is not None]
        check(int(s.get("tests")) == len(tcs), "suite %s: tests=%s, %d testcases" % (s.get("name"), s.get("tests"), len(tcs)))
        check(int(s.get("failures")) == len(fails), "suite %s: failures=%s, %d failed" % (s.get("name"), s.get("failures"), len(fails)))
        check(s.get("errors") == "0", "suite %s: errors" % s.get("name"))
        total += len(tcs)
        for t in tcs:
            fl = t.find("failure")
            check(fl is not None, "a testcase without a failure")
            check(t.get("classname") == "plumber." + s.get("name"), "classname of a case of suite %s" % s.get("name"))
            cases.append((s.get("name"), t.get("file"), int(t.get("line")), fl.get("message"), fl.text.split("\n")[0]))
    check(int(root.get("tests")) == total == len(want), "testsuites tests=%s, %d cases, %d findings" % (root.get("tests"), total, len(want)))
    check(int(root.get("failures")) == len(want), "testsuites failures=%s" % root.get("failures"))
    rules = [s.get("name") for s in root.findall("testsuite")]
    check(len(rules) == len(set(rules)), "a rule has two suites")
    exp = sorted((w["rule"], w["file"], w["line"], xmltext(w["message"]),
                  xmltext("%s:%d:%d: %s: %s" % (w["file"], w["line"], w["column"], w["rule"], w["message"]))) for w in want)
    check(sorted(cases) == exp, "junit cases differ from the JSON findings:\n%r\n%r" % (sorted(cases), exp))
elif fmt == "code-climate":
    got = json.loads(raw)
    check([(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["description"],
            i["severity"]) for i in got] ==
          [(w["rule"], w["file"], w["line"], w["message"], "critical" if w["severity"] == "error" else "major")
           for w in want], "code-climate issues differ from the JSON findings")
    fps = [i["fingerprint"] for i in got]
    check(len(set(fps)) == len(fps), "fingerprints are not unique: %r" % fps)
elif fmt == "sarif":
    got = json.loads(raw)
    res = got["runs"][0]["results"]
    check(len(res) == len(want), "%d SARIF results, %d findings" % (len(res), len(want)))
    check([(r["ruleId"], r["message"]["text"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in res] ==
          [(w["rule"], w["message"], w["line"]) for w in want], "SARIF results differ from the JSON findings")
for b in bad:
    print(b)
EOF
}
for f in $FORMATS; do
	out=$(compare "$f" "$tmp/r.$f" 2>&1)
	[ -z "$out" ] && ok || bad "--format $f: ${out:0:1500}"
done

# What the escaping has to show: the raw characters nowhere, the entities there.
grep -q 'name="a&amp;b/q&lt;u&gt;o&apos;te&quot;s.go"' "$tmp/r.checkstyle" && ok ||
	bad "checkstyle: the path's markup characters are not escaped as entities"
python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); sys.exit(any(b in d for b in [b"\x01",b"\x1b",b"\xff"]))' \
	"$tmp/r.junit-xml" && ok || bad "junit-xml carries a control character or a byte that is not UTF-8"
grep -q '&#10;\|fix: ' "$tmp/r.junit-xml" && ok || bad "junit-xml failures should carry the fix"

# ------------------------------------------------ code-climate fingerprints
# Lines added above every function move every finding, and the lines that
# messages name: the fingerprints must not change. A changed message must.
fps() { python3 -c 'import json,sys; print("\n".join(sorted(i["fingerprint"] for i in json.load(open(sys.argv[1])))))' "$1"; }
fps "$tmp/r.code-climate" >"$tmp/fp.before"
cp -r "$M" "$tmp/mod2"
python3 - "$tmp/mod2/it's/loop.go" <<'EOF'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("func Mirror", "// Moved down by a helper.\nfunc helper() {\n\tprintln(\"hi\")\n}\n\nfunc Mirror", 1)
s = s.replace("func Two", "// Two is the second.\n\nfunc Two", 1)
open(p, "w").write(s)
EOF
lint "$tmp/mod2" code-climate "$tmp/r2.cc"
rc_is 1 "code-climate after lines moved"
fps "$tmp/r2.cc" >"$tmp/fp.after"
if cmp -s "$tmp/fp.before" "$tmp/fp.after"; then ok; else bad "fingerprints changed when only lines moved: $(diff "$tmp/fp.before" "$tmp/fp.after")"; fi
[ "$(jsq "$tmp/r2.cc" 'r.map(i => i.location.lines.begin).join(",")')" != \
  "$(jsq "$tmp/r.code-climate" 'r.map(i => i.location.lines.begin).join(",")')" ] && ok ||
	bad "the edit should have moved the findings' lines"
sed -i 's/resp.StatusCode != 200/resp.StatusCode != 201/' "$tmp/mod2/it's/loop.go"
lint "$tmp/mod2" code-climate "$tmp/r3.cc"
fps "$tmp/r3.cc" >"$tmp/fp.changed"
[ "$(comm -13 "$tmp/fp.before" "$tmp/fp.changed" | wc -l)" = 2 ] && ok ||
	bad "a changed message should change its two fingerprints: $(diff "$tmp/fp.before" "$tmp/fp.changed")"

# ------------------------------------------------------------ nothing found
C=$tmp/clean
mkdir -p "$C"
printf 'module example.com/c\n\ngo 1.21\n' >"$C/go.mod"
printf 'package c\n\nfunc F() { defer println("bye") }\n' >"$C/c.go"
for f in $FORMATS; do
	lint "$C" "$f" "$tmp/c.$f"
	rc_is 0 "--format $f with nothing found"
done
xsd checkstyle.xsd "$tmp/c.checkstyle"
xsd junit.xsd "$tmp/c.junit-xml"
schema code-climate.schema.json "$tmp/c.code-climate"
schema sarif "$tmp/c.sarif"
[ "$(tr -d ' \n' <"$tmp/c.code-climate")" = "[]" ] && ok || bad "code-climate with nothing found: $(cat "$tmp/c.code-climate")"
python3 -c '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
assert r.tag == "checkstyle" and not list(r), "checkstyle lists files"
r = ET.parse(sys.argv[2]).getroot()
cases = r.findall("testsuite/testcase")
assert r.get("tests") == "1" and r.get("failures") == "0" and len(cases) == 1, "junit: one passing case"
assert cases[0].find("failure") is None
' "$tmp/c.checkstyle" "$tmp/c.junit-xml" 2>"$tmp/py.err" && ok || bad "empty reports: $(tail -1 "$tmp/py.err")"

# ------------------------------------------- the same bytes at any -j
for f in $FORMATS; do
	lint "$M" "$f" "$tmp/j1" -j1
	lint "$M" "$f" "$tmp/j4" -j4
	cmp -s "$tmp/j1" "$tmp/j4" && ok || bad "--format $f differs between -j1 and -j4"
done

# ------------------------------------------------------- usage
lint "$M" nonsense "$tmp/x"
rc_is 2 "an unknown format"
grep -q "checkstyle, code-climate or junit-xml" "$tmp/err" && ok || bad "the unknown-format error should list the formats: $(cat "$tmp/err")"
"$PLUMBER" lint --help | grep -q "checkstyle, code-climate or junit-xml" && ok || bad "lint --help should list the formats"

finish
