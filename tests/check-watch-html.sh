#!/usr/bin/env bash
# tests/check-watch-html.sh - the HTML report of a live `plumber watch`
# (one process), rendered by headless Chromium. Two real watches of
# tests/watch/leaker, a few seconds each, side by side:
#   body     bodies never closed, with --pprof and --source, until the
#            program exits by itself (5 s): a leak, its stack group, an exit
#   healthy  4.5 s of a well-behaved client: ok
# The leaker is built from a copy in a directory whose name is hostile
# HTML, so the command line, the stack frames, the evidence and the lint
# findings all carry markup that must come out escaped. Checked on the
# DOM Chromium built: the page renders without console errors; the
# series a finding names come first, then the other growing ones, each
# outlined; counts are drawn from zero (a point's height is its value
# over the top tick); the start of the judged growth and the exit are
# marked; the stack group and its lint finding sit under the chart of the
# series they explain; nothing from the target became an element. A
# screenshot is taken (HTML_KEEP=DIR keeps the pages and pictures).
# About 10 s.
set -u
cd "$(dirname "$0")/.."
. tests/lib/check.sh

if ! command -v chromium >/dev/null; then
  bad "chromium is missing (scripts/setup.sh --test); the HTML report is untested"
  finish
fi

EVIL='<script>document.title="pwned"</script><img src=x onerror=alert(1)>'
src="$tmp/src/<img src=x onerror=alert(2)> & \"q\" 'a'"
mkdir -p "$src"
cp tests/watch/leaker/main.go "$src/"
if ! (cd "$src" && GOPROXY=off GOFLAGS= timeout 120 go build -o "$src/leaker" main.go); then
  bad "cannot build tests/watch/leaker with go"
  finish
fi

base=$((20000 + ($$ * 7) % 20000))
P_BODY=$((base + 11)) P_HEALTHY=$((base + 12))
watch() {
  local name=$1; shift
  ( timeout 60 "$PLUMBER" watch -q --interval 250ms --json "$tmp/$name.json" --html "$tmp/$name.html" "$@" \
      >"$tmp/$name.out" 2>&1; echo $? >"$tmp/$name.rc" ) &
  jobs_started+=($!)
}
watch body --for 8s --pprof "http://127.0.0.1:$P_BODY" --source "$src" \
  -- "$src/leaker" -mode body -rate 100 -time 5s -pprof "127.0.0.1:$P_BODY" -tag "$EVIL"
watch healthy --for 4500ms --pprof "http://127.0.0.1:$P_HEALTHY" \
  -- "$src/leaker" -mode healthy -pprof "127.0.0.1:$P_HEALTHY" -tag "$EVIL"
wait

expect "body: exit 1 on the leak (got $(cat "$tmp/body.rc")): $(cat "$tmp/body.out")" [ "$(cat "$tmp/body.rc")" = 1 ]
expect "body: the program's exit ended the watch" grep -q "the command exited" "$tmp/body.out"
expect "healthy: exit 0 (got $(cat "$tmp/healthy.rc")): $(cat "$tmp/healthy.out")" [ "$(cat "$tmp/healthy.rc")" = 0 ]

# both pages at once, each rendered once: its DOM, its console, a screenshot
for name in body healthy; do
  chromium_headless --enable-logging=stderr --v=0 --window-size=1400,2200 --screenshot="$tmp/$name.png" \
    --dump-dom "file://$tmp/$name.html" >"$tmp/$name.dom" 2>"$tmp/$name.log" &
done
wait
for name in body healthy; do
  expect "$name: Chromium rendered the page ($(stat -c %s "$tmp/$name.dom") bytes)" grep -q '</html>' "$tmp/$name.dom"
  expect "$name: no console errors: $(grep -iE 'console|uncaught|refused' "$tmp/$name.log" | head -2)" \
    sh -c "! grep -iE 'CONSOLE|Uncaught|Refused to' '$tmp/$name.log'"
  expect "$name: a screenshot ($(stat -c %s "$tmp/$name.png" 2>/dev/null) bytes)" \
    [ "$(stat -c %s "$tmp/$name.png" 2>/dev/null || echo 0)" -gt 20000 ]
done

# What the DOM must hold, checked against the JSON of the same watch:
# one line per check, "ok DESCRIPTION" or "FAIL DESCRIPTION".
cat >"$tmp/check.py" <<'EOF'
import json, re, sys

dom, page, report = open(sys.argv[1]).read(), open(sys.argv[2]).read(), json.load(open(sys.argv[3]))

def check(ok, what):
    print(("ok " if ok else "FAIL ") + what)

def attrs(tag):
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))

def figures():
    """(classes, id, inner html) of each chart, in page order."""
    out = []
    for m in re.finditer(r'<figure ([^>]*)>(.*?)</figure>', dom, re.S):
        a = attrs(m.group(1))
        out.append((a.get("class", "").split(), a.get("id", ""), m.group(2)))
    return out

def plot_of(inner):
    rect = attrs(re.search(r'<rect class="plot"[^>]*>', inner).group(0))
    return float(rect["y"]), float(rect["height"])

def ticks(inner):
    """(label, y) of the y axis, bottom first."""
    return [(t, float(y)) for y, t in re.findall(r'<text class="axis y" x="[^"]*" y="([^"]*)"[^>]*>([^<]*)</text>', inner)]

def points(inner):
    return [tuple(map(float, p.split(","))) for pl in re.findall(r'<polyline class="line" points="([^"]*)"', inner) for p in pl.split()]

figs = figures()
by_id = {f[1]: f for f in figs}
verdict = report["verdict"]
check(f'id="verdict" class="verdict {verdict}">verdict: {verdict}<' in dom, f"the verdict ({verdict}) is shown")
check("Content-Security-Policy" in page and "default-src 'none'" in page, "the page forbids script and network")
check(not re.search(r'(src|href)="https?:', page), "no network references")
check(not re.search(r'<script|<img', dom, re.I), "nothing from the target became an element (no <script>, no <img>)")
check("&lt;script&gt;document.title" in dom, "the hostile command line is shown escaped")
check("<title>plumber watch: " in dom, "the title was not rewritten by the target's script")

# every string the watch took from the target and put in the report is there, escaped
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
def dom_text(s):
    """s as Chromium serializes a text node: only & < > escaped."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
texts = [report["target"]] + [f["evidence"] for f in report["findings"]] + [f["stack"] for f in report["findings"] if f["stack"]]
texts += [s["file"] for f in report["findings"] for s in f["source"]]
hostile = [t for t in texts if "<" in t]
check(all(esc(t) in page for t in hostile), f"the {len(hostile)} strings with markup from the target (command line, evidence, stacks, files) are escaped")

# the leaking series first: the findings' metrics, then the other growing series, then the rest
order = []
for f in report["findings"]:
    if f["metric"] not in order:
        order.append(f["metric"])
charts = [f[1][len("chart-"):] for f in figs]
check(charts[:len(order)] == order, f"the series the findings name come first, in order ({order} vs {charts[:len(order)]})")
growing = ["growing" in f[0] for f in figs]
check(growing == sorted(growing, reverse=True), "the growing series come before the others")
check(all("growing" in by_id["chart-" + m][0] and "finding" in by_id["chart-" + m][0] for m in order),
      "the findings' series are highlighted (classes growing and finding)")
kinds = {f["metric"]: f["kind"] for f in reversed(report["findings"])}
check(all(f'<span class="badge ' in by_id["chart-" + m][2] and kinds[m] in by_id["chart-" + m][2] for m in order),
      "each finding's kind is named over its chart")

# counts from zero: the lowest tick is 0 at the bottom of the plot, and a point's height is its value over the top tick
for name in ("fds", "threads", "goroutines", "fd_socket", "tcp_listen"):
    fig = by_id.get("chart-" + name)
    if not fig:
        if name in report["series"] and any(v for v in report["series"][name] if v):
            check(False, f"{name}: a chart")
        continue
    y0, h = plot_of(fig[2])
    tk = ticks(fig[2])
    check(tk and tk[0][0] == "0" and abs(tk[0][1] - 3.5 - (y0 + h)) < 0.2, f"{name}: the y axis starts at 0 at the bottom ({tk[:1]})")
    top = float(tk[-1][0].rstrip("k")) * (1000 if tk[-1][0].endswith("k") else 1)
    vals = [v for v in report["series"][name] if v is not None]
    pts = points(fig[2])
    # the last point drawn is the last value sampled
    want = y0 + h - vals[-1] / top * h
    check(pts and abs(pts[-1][1] - want) < 0.6, f"{name}: the last point sits at {vals[-1]}/{top} of the height (y {pts[-1][1] if pts else None} vs {want:.1f})")
    check(top >= max(vals) and top <= 2.5 * max(vals) + 1, f"{name}: the top tick {top} is a round value above the largest {max(vals)}")

# marks: the judged growth on each growing chart, none on the others; the exit when the target exited
for cls, ident, inner in figs:
    has = '<line class="growth-start"' in inner
    check(has == ("growing" in cls), f"{ident}: the start of the judged growth is marked {'' if 'growing' in cls else 'nowhere'}")
exited = sys.argv[4] == "exit"
check(all(('<line class="exit"' in f[2]) == exited for f in figs), f"the exit is marked on every chart ({exited})")

# under the chart it explains: the growing stack group and its lint finding
for f in report["findings"]:
    fig = by_id["chart-" + f["metric"]]
    if f["stack"]:
        check('<pre class="stack">' in fig[2] and dom_text(f["stack"].splitlines()[-1]) in fig[2],
              f'{f["kind"]}: its stack group is under the {f["metric"]} chart')
    for s in f["source"]:
        check(re.search(r'<div class="source"><code>' + re.escape(dom_text(s["file"])) + ":" + str(s["line"]) + r'</code> <span class="rule">' + s["lint_rule"], fig[2]),
              f'{f["kind"]}: the lint finding {s["lint_rule"]} at line {s["line"]} is under the {f["metric"]} chart')
print("facts findings=%d stacks=%d sources=%d charts=%d" % (len(report["findings"]), sum(1 for f in report["findings"] if f["stack"]),
      sum(len(f["source"]) for f in report["findings"]), len(figs)))
EOF

# checks NAME exit|no-exit
checks() {
  local name=$1 line
  while IFS= read -r line; do
    case $line in
      ok\ *) ok ;;
      FAIL\ *) bad "$name: ${line#FAIL }" ;;
      facts\ *) echo "check-watch-html: $name: ${line#facts }" ;;
      *) bad "$name: the checker said: $line" ;;
    esac
  done < <(python3 "$tmp/check.py" "$tmp/$name.dom" "$tmp/$name.html" "$tmp/$name.json" "$2" 2>&1)
}
checks body exit
checks healthy no-exit
expect "body: the goroutine kind is named from its stack group" \
  [ "$(jsq "$tmp/body.json" 'r.findings.some(f => f.kind === "unclosed-body" && /persistConn/.test(f.stack || ""))')" = true ]
expect "healthy: no finding, and the page says so" grep -q '<li class="none">no sustained growth</li>' "$tmp/healthy.dom"

[ -n "${HTML_KEEP:-}" ] && cp "$tmp"/body.html "$tmp"/body.png "$tmp"/body.json "$tmp"/healthy.html "$tmp"/healthy.png "$HTML_KEEP"/ 2>/dev/null
finish
