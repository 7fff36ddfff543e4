// Command damage does to a goroutine dump what pasting it does: it reads a
// dump on stdin and writes it damaged one way on stdout.
//
//	damage FORM [SEED] < dump.txt > pasted.txt
//	damage -list
//
// Every form but "cut" and "leakcheck" keeps every goroutine: plumber
// explain must read the damaged dump exactly as the clean one (same total,
// groups, kinds and roles). "cut" ends the dump inside a line; "leakcheck"
// turns a debug=2 dump into the headerless output of net/http's and etcd's
// test leak checks. SEED (default 1) picks where random damage falls.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"sort"
	"strings"
	"time"
)

type form func(lines []string, r *rand.Rand) []string

var forms = map[string]form{
	// indentation, as terminals, blogs and chat clients turn tabs
	"spaces4":  indent(func(r *rand.Rand) string { return "" }, func(r *rand.Rand) string { return "    " }),
	"spaces8":  indent(func(r *rand.Rand) string { return "        " }, func(r *rand.Rand) string { return "            " }),
	"spaces16": indent(func(r *rand.Rand) string { return "                " }, func(r *rand.Rand) string { return "                    " }),
	"mixed":    indent(randomIndent, randomIndent),
	"noindent": indent(func(r *rand.Rand) string { return "" }, func(r *rand.Rand) string { return "" }),
	"gotest":   indent(func(r *rand.Rand) string { return "        " }, func(r *rand.Rand) string { return "        \t" }),
	// markdown and chat
	"quote":    prefixAll(func(int, *rand.Rand) string { return "> " }),
	"quote2":   prefixAll(func(int, *rand.Rand) string { return "> > " }),
	"fence":    fenceGlued,
	"fences":   fencesWithProse,
	"bold":     boldHeaders,
	"nbsp":     nbsp,
	"mdescape": markdownEscapes,
	"mdhash":   markdownHeadings,
	"bullets":  prefixAll(func(int, *rand.Rand) string { return "- " }),
	// line ends and bytes
	"crlf":     crlf,
	"double":   doubleSpaced,
	"wrap80":   wrap(80),
	"wrap60":   wrap(60),
	"bom":      bomCRLF,
	// log prefixes
	"iso":      prefixAll(isoStamp),
	"syslog":   prefixAll(syslogStamp),
	"compose":  prefixAll(func(int, *rand.Rand) string { return "app_1  | " }),
	"kubectl":  prefixAll(func(int, *rand.Rand) string { return "[pod/api-7d9f8c6b5-x2x9k/api] " }),
	"cri":      prefixAll(criStamp),
	"gutter":   prefixAll(func(i int, r *rand.Rand) string { return fmt.Sprintf("%4d | ", i+1) }),
	"prompt":   promptAndLog,
	"dockerjs": jsonLines("docker"),
	"gotestjs": jsonLines("gotest"),
	// terminal colours, with their ESC bytes or without (a copy lost them)
	"ansi":     colours("\x1b"),
	"ansibare": colours(""),
	// interleaved log lines inside goroutines
	"interleave": interleave,
	// a whole dump logged as one escaped string
	"onejson": oneJSON,
	// cuts and other outputs
	"cut":       cut,
	"leakcheck": leakcheck,
	"instances": instances,
	"goleak":    goleakReport,
	"grpc":      grpcLeakcheck,
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-list" {
		var names []string
		for n := range forms {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Println(strings.Join(names, "\n"))
		return
	}
	if len(os.Args) < 2 || forms[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: damage FORM [SEED] < dump > pasted; damage -list")
		os.Exit(2)
	}
	seed := int64(1)
	if len(os.Args) > 2 {
		fmt.Sscan(os.Args[2], &seed)
	}
	in, err := io.ReadAll(bufio.NewReader(os.Stdin))
	if err != nil {
		fmt.Fprintln(os.Stderr, "damage:", err)
		os.Exit(2)
	}
	text := strings.TrimSuffix(string(in), "\n")
	lines := strings.Split(text, "\n")
	out := forms[os.Args[1]](lines, rand.New(rand.NewSource(seed)))
	w := bufio.NewWriter(os.Stdout)
	for i, l := range out {
		w.WriteString(l)
		if i < len(out)-1 || os.Args[1] != "cut" {
			w.WriteString("\n")
		}
	}
	w.Flush()
}

// kind of a dump line, by its shape as Go prints it
func isFile(l string) bool  { return strings.HasPrefix(l, "\t") }
func isBlank(l string) bool { return strings.TrimSpace(l) == "" }

func randomIndent(r *rand.Rand) string {
	choices := []string{"", "\t", "  ", "    ", "        ", "\t  ", "   \t", "                "}
	return choices[r.Intn(len(choices))]
}

// indent re-indents function lines with fn() and file lines with file(),
// as a paste that lost its tabs does.
func indent(fn, file func(*rand.Rand) string) form {
	return func(lines []string, r *rand.Rand) []string {
		out := make([]string, len(lines))
		for i, l := range lines {
			switch {
			case isBlank(l):
				out[i] = ""
			case isFile(l):
				out[i] = file(r) + strings.TrimLeft(l, "\t")
			default:
				out[i] = fn(r) + l
			}
		}
		return out
	}
}

func prefixAll(p func(int, *rand.Rand) string) form {
	return func(lines []string, r *rand.Rand) []string {
		out := make([]string, len(lines))
		for i, l := range lines {
			pre := p(i, r)
			if isBlank(l) {
				out[i] = strings.TrimRight(pre, " ")
			} else {
				out[i] = pre + l
			}
		}
		return out
	}
}

var clock = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)

func isoStamp(i int, r *rand.Rand) string {
	t := clock.Add(time.Duration(i) * 1370 * time.Microsecond)
	// fractional digits vary in width, as loggers trim trailing zeros
	return strings.Replace(t.Format(time.RFC3339Nano), "T", "T", 1) + " api[4242]: "
}

func syslogStamp(i int, r *rand.Rand) string {
	t := clock.Add(time.Duration(i) * 17 * time.Second)
	return t.Format("Jan _2 15:04:05") + " web-3 api[4242]: "
}

func criStamp(i int, r *rand.Rand) string {
	t := clock.Add(time.Duration(i) * 1370 * time.Microsecond)
	return t.Format("2006-01-02T15:04:05.000000000Z07:00") + " stderr F "
}

// A code fence glued to the first line and to the last.
func fenceGlued(lines []string, r *rand.Rand) []string {
	out := append([]string{"Here is the dump:", ""}, lines...)
	out[2] = "```" + out[2]
	last := len(out) - 1
	for last > 2 && isBlank(out[last]) {
		last--
	}
	out[last] += "```"
	return append(out, "", "Any idea?")
}

// The dump split over several fenced blocks with prose between, cut at
// goroutine boundaries.
func fencesWithProse(lines []string, r *rand.Rand) []string {
	out := []string{"```"}
	blocks := 0
	for i, l := range lines {
		if isBlank(l) && i+1 < len(lines) && r.Intn(4) == 0 {
			blocks++
			out = append(out, "```", "", fmt.Sprintf("and part %d of the dump (trimmed in the middle):", blocks+1), "", "```text")
			continue
		}
		out = append(out, l)
	}
	return append(out, "```")
}

// Headers (and a profile's header and records) wrapped in emphasis.
func boldHeaders(lines []string, r *rand.Rand) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "goroutine profile:"):
			out[i] = "**" + l
		case strings.HasPrefix(l, "goroutine "):
			out[i] = "**" + l + "**"
		case len(l) > 0 && l[0] >= '1' && l[0] <= '9' && strings.Contains(l, " @"):
			if r.Intn(2) == 0 {
				out[i] = "_" + l
			} else {
				out[i] = l + "__"
			}
		default:
			out[i] = l
		}
	}
	return out
}

// Indentation and spaces as non-breaking spaces, from a web page.
func nbsp(lines []string, r *rand.Rand) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, "\t ")
		lead := len(l) - len(trimmed)
		out[i] = strings.Repeat("\u00a0", lead*4) + trimmed
		if r.Intn(3) == 0 {
			out[i] = strings.Replace(out[i], " ", "\u00a0", 1)
		}
	}
	return out
}

// Markdown's backslash escapes, as an editor exporting markdown writes
// them: \[select\], (\*persistConn), \_.
func markdownEscapes(lines []string, r *rand.Rand) []string {
	esc := strings.NewReplacer("[", "\\[", "]", "\\]", "*", "\\*", "_", "\\_")
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = esc.Replace(l)
	}
	return out
}

// A coloured log: a grey timestamp and a level before every line, the
// goroutine headers in bold. esc is the ESC byte, or "" when a copy lost it.
func colours(esc string) form {
	return func(lines []string, r *rand.Rand) []string {
		out := make([]string, len(lines))
		for i, l := range lines {
			t := clock.Add(time.Duration(i) * time.Millisecond).Format("15:04:05.000")
			if strings.HasPrefix(l, "goroutine ") {
				l = esc + "[1m" + l + esc + "[0m"
			}
			out[i] = esc + "[90m" + t + esc + "[0m " + esc + "[31mERR" + esc + "[0m " + l
		}
		return out
	}
}

// A debug=1 profile rendered as markdown: "#\t0x..." lines became headings
// and lost their "#" and tabs.
func markdownHeadings(lines []string, r *rand.Rand) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		if strings.HasPrefix(l, "#\t0x") {
			out[i] = strings.Join(strings.Fields(l[1:]), " ")
		} else {
			out[i] = l
		}
	}
	return out
}

// Lines longer than the terminal cut into several, tabs expanded, as a
// terminal's copy of its screen does.
func wrap(width int) form {
	return func(lines []string, r *rand.Rand) []string {
		var out []string
		for _, l := range lines {
			l = strings.ReplaceAll(l, "\t", "        ")
			for len(l) > width {
				out = append(out, l[:width])
				l = l[width:]
			}
			out = append(out, l)
		}
		return out
	}
}

// A blank line after every line, as some pages and editors paste.
func doubleSpaced(lines []string, r *rand.Rand) []string {
	var out []string
	for _, l := range lines {
		out = append(out, l, "")
	}
	return out
}

func crlf(lines []string, r *rand.Rand) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l + "\r"
	}
	return out
}

func bomCRLF(lines []string, r *rand.Rand) []string {
	out := crlf(lines, r)
	out[0] = "\ufeff" + out[0]
	return out
}

// A shell prompt and the command before the dump, a log line after.
func promptAndLog(lines []string, r *rand.Rand) []string {
	out := []string{"dev@web-3:~/api$ curl -s localhost:6060/debug/pprof/goroutine?debug=2"}
	out = append(out, lines...)
	return append(out, "dev@web-3:~/api$ ")
}

func jsonLines(kind string) form {
	return func(lines []string, r *rand.Rand) []string {
		out := make([]string, len(lines))
		for i, l := range lines {
			var v any
			t := clock.Add(time.Duration(i) * time.Millisecond).Format(time.RFC3339Nano)
			if kind == "docker" {
				v = struct {
					Log    string `json:"log"`
					Stream string `json:"stream"`
					Time   string `json:"time"`
				}{l + "\n", "stderr", t}
			} else {
				v = struct {
					Time    string
					Action  string
					Package string
					Test    string
					Output  string
				}{t, "output", "example.com/api", "TestLeaks", "    " + l + "\n"}
			}
			b, _ := json.Marshal(v)
			out[i] = string(b)
		}
		return out
	}
}

// A log line written by another goroutine in the middle of the dump.
func interleave(lines []string, r *rand.Rand) []string {
	var out []string
	for i, l := range lines {
		out = append(out, l)
		if !isBlank(l) && i+1 < len(lines) && !isBlank(lines[i+1]) && r.Intn(9) == 0 {
			out = append(out, fmt.Sprintf("2024/05/01 10:00:%02d GET /healthz 200 %dus", i%60, r.Intn(900)))
		}
	}
	return out
}

// The dump ends inside a line, somewhere after its first third.
func cut(lines []string, r *rand.Rand) []string {
	total := 0
	for _, l := range lines {
		total += len(l) + 1
	}
	at := total/3 + r.Intn(total-total/3)
	var out []string
	for _, l := range lines {
		if at <= len(l) {
			if at == 0 {
				at = 1
			}
			if at > len(l) {
				at = len(l)
			}
			return append(out, l[:at])
		}
		out = append(out, l)
		at -= len(l) + 1
	}
	return out
}

// net/http's afterTest: "Test appears to have leaked a Transport:" and the
// stacks, each without its header line, joined by blank lines, as t.Errorf
// prints them inside go test -v output.
func leakcheck(lines []string, r *rand.Rand) []string {
	var stacks []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			stacks = append(stacks, strings.Join(cur, "\n"))
		}
		cur = nil
	}
	for _, l := range lines {
		switch {
		case isBlank(l):
			flush()
		case strings.HasPrefix(l, "goroutine ") && strings.HasSuffix(l, "]:"):
			flush()
		default:
			cur = append(cur, l)
		}
	}
	flush()
	msg := "Test appears to have leaked a Transport:\n" + strings.Join(stacks, "\n\n")
	out := []string{"=== RUN   TestFetch"}
	for i, l := range strings.Split(msg, "\n") {
		if i == 0 {
			out = append(out, "    main_test.go:140: "+l)
		} else {
			out = append(out, "        "+l)
		}
	}
	return append(out, "--- FAIL: TestFetch (2.50s)", "FAIL", "FAIL\texample.com/api\t2.571s")
}

// goroutine is one goroutine of a debug=2 dump: its header and its lines.
type goroutine struct {
	header string
	lines  []string
}

func goroutines(lines []string) []goroutine {
	var gs []goroutine
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "goroutine ") && strings.HasSuffix(l, "]:"):
			gs = append(gs, goroutine{header: l})
		case isBlank(l) || len(gs) == 0:
		default:
			gs[len(gs)-1].lines = append(gs[len(gs)-1].lines, l)
		}
	}
	return gs
}

// etcd's CheckLeakedGoroutine (and net/http's "Too many goroutines"):
// stacks without headers, pointer arguments of the first line blanked,
// identical ones counted: "N instances of:".
func instances(lines []string, r *rand.Rand) []string {
	counts := map[string]int{}
	var order []string
	for _, g := range goroutines(lines) {
		if len(g.lines) == 0 {
			continue
		}
		first := g.lines[0]
		if i := strings.LastIndex(first, "("); i > 0 && strings.HasPrefix(first[i:], "(0") {
			first = first[:i] + "(...)"
		}
		stack := strings.Join(append([]string{first}, g.lines[1:]...), "\n")
		if counts[stack] == 0 {
			order = append(order, stack)
		}
		counts[stack]++
	}
	out := []string{"Unexpected goroutines running after all test(s)."}
	for _, st := range order {
		out = append(out, fmt.Sprintf("%d instances of:", counts[st]))
		out = append(out, strings.Split(st, "\n")...)
	}
	return out
}

// goleak's VerifyNone inside go test -v: "found unexpected goroutines:"
// and one "[Goroutine N in state S, with F on top of the stack:" element
// per goroutine, each followed by its stack without the header.
func goleakReport(lines []string, r *rand.Rand) []string {
	var msg []string
	for i, g := range goroutines(lines) {
		if len(g.lines) == 0 {
			continue
		}
		var id int
		fmt.Sscanf(g.header, "goroutine %d", &id)
		state := g.header
		if i := strings.Index(state, "["); i >= 0 && len(state) >= i+3 {
			state = state[i+1 : len(state)-2]
		}
		top := g.lines[0]
		if i := strings.LastIndex(top, "("); i > 0 {
			top = top[:i]
		}
		lead := " "
		if i == 0 {
			lead = "["
		}
		msg = append(msg, fmt.Sprintf("%sGoroutine %d in state %s, with %s on top of the stack:", lead, id, state, top))
		msg = append(msg, g.lines...)
	}
	msg = append(msg, "]")
	out := []string{"=== RUN   TestFetch", "    leaks.go:78: found unexpected goroutines:"}
	for _, l := range msg {
		out = append(out, "        "+l)
	}
	return append(out, "--- FAIL: TestFetch (0.45s)", "FAIL")
}

// grpc's leakcheck: "Leaked goroutine: " and the goroutine, header and all,
// one t.Errorf per goroutine.
func grpcLeakcheck(lines []string, r *rand.Rand) []string {
	out := []string{"=== RUN   Test/Stream"}
	for _, g := range goroutines(lines) {
		out = append(out, "    leakcheck.go:120: Leaked goroutine: "+g.header)
		for _, l := range g.lines {
			out = append(out, "        "+l)
		}
	}
	return append(out, "--- FAIL: Test/Stream (10.01s)")
}

// The whole dump as one JSON log line, the way a recovered panic is
// logged with its stack.
func oneJSON(lines []string, r *rand.Rand) []string {
	b, _ := json.Marshal(struct {
		Level string `json:"level"`
		Msg   string `json:"msg"`
		Stack string `json:"stack"`
	}{"error", "dumping goroutines", strings.Join(lines, "\n") + "\n"})
	return []string{`{"level":"info","msg":"starting"}`, string(b), `{"level":"info","msg":"done"}`}
}
