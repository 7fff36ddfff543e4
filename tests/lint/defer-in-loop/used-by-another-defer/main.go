package main

import (
	"bufio"
	"os"
	"runtime/pprof"
	"strings"
)

// startProfiles opens one file per profile asked for; each is written by
// work deferred to the return, so it must stay open until then.
func startProfiles(list string, run func()) {
	for _, name := range strings.Split(list, ",") {
		f, err := os.Create(name + ".prof")
		if err != nil {
			return
		}
		defer f.Close()
		if name == "cpu" {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		} else {
			defer pprof.Lookup(name).WriteTo(f, 0)
		}
	}
	run()
}

// journal syncs every file at the return: it uses each one then.
func journal(paths []string, line string) {
	for _, p := range paths {
		f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			continue
		}
		defer f.Close()
		defer f.Sync()
		f.WriteString(line)
	}
}

// scratch removes each temporary file at the return, but its name was
// taken at the defer: the files themselves are only held open.
func scratch(n int) {
	for i := 0; i < n; i++ {
		f, err := os.CreateTemp("", "scratch")
		if err != nil {
			return
		}
		defer os.Remove(f.Name())
		defer f.Close()
		w := bufio.NewWriter(f)
		w.WriteString("x")
		w.Flush()
	}
}

// Other defers that only release (a namesake in another case, the same
// name reassigned, more cleanup) are no use of the file: still reported.
func inspectAll(kinds []string) {
	for _, k := range kinds {
		switch k {
		case "a":
			f, err := os.Open(k + ".a")
			if err != nil {
				continue
			}
			defer f.Close()
		case "b":
			f, err := os.Open(k + ".b")
			if err != nil {
				continue
			}
			defer f.Close()
		}
	}
}

func pairs(n int) {
	for i := 0; i < n; i++ {
		f, err := os.Open("left")
		if err != nil {
			return
		}
		defer f.Close()
		f, err = os.Open("right")
		if err != nil {
			return
		}
		defer f.Close()
	}
}

func temps(n int) {
	for i := 0; i < n; i++ {
		f, err := os.CreateTemp("", "t")
		if err != nil {
			return
		}
		defer f.Close()
		defer func() { f.Close() }()
	}
}

func main() {
	startProfiles("cpu,heap", func() {})
	journal([]string{"a.log"}, "x\n")
	scratch(3)
	inspectAll([]string{"a", "b"})
	pairs(2)
	temps(2)
}
