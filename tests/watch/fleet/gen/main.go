// Command gen writes hours of a fleet's metrics in the OpenMetrics text
// format, for `promtool tsdb create-blocks-from openmetrics`: a history
// that a test cannot wait for, deterministic (seeded). Standard library
// only, Go 1.19.
//
// Instance i behaves by i % 20 (its pod label says which, as "api-<i>-<how>"):
//
//	0 body       goroutines and fds grow all along (unclosed bodies)
//	1 oom        the same leak, restarted every 100 minutes
//	2 memory     heap goal and RSS grow, goroutines flat
//	3 files      fds grow, goroutines flat
//	4 warmup     a pool that fills in 10 minutes, then flat
//	5 sawtooth   GC saw-tooth in heap and RSS, flat floor
//	6 deploys    healthy, restarted every 2 hours
//	7..19 ok     healthy, noisy
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand"
	"os"
	"time"
)

var (
	instances = flag.Int("instances", 1000, "instances")
	hours     = flag.Float64("hours", 6, "hours of history")
	interval  = flag.Duration("interval", 30*time.Second, "scrape interval")
	end       = flag.Int64("end", 0, "last timestamp (unix seconds); default now")
	out       = flag.String("out", "", "output file")
)

var kinds = []string{"body", "oom", "memory", "files", "warmup", "sawtooth", "deploys"}

func kindOf(i int) string {
	if k := i % 20; k < len(kinds) {
		return kinds[k]
	}
	return "ok"
}

type point struct {
	goroutines, fds, rss, heap, goal, threads, start float64
}

// at gives instance i's metrics at minute m of the history (m from 0).
func at(i int, m float64, r *rand.Rand, startT float64) point {
	kind := kindOf(i)
	age, runStart := m, 0.0
	switch kind {
	case "oom":
		runStart = math.Floor(m/100) * 100
	case "deploys":
		runStart = math.Floor(m/120) * 120
	}
	age = m - runStart
	noise := func(a float64) float64 { return (r.Float64()*2 - 1) * a }
	p := point{
		goroutines: 40 + math.Round(noise(4)),
		fds:        30 + math.Round(noise(3)),
		rss:        80e6 + noise(2e6),
		heap:       30e6 + noise(3e6),
		goal:       60e6 + noise(1e6),
		threads:    12,
		start:      startT + runStart*60,
	}
	switch kind {
	case "body", "oom":
		p.goroutines += math.Round(2 * age)
		p.fds += math.Round(age)
		p.rss += age * 100e3
	case "memory":
		p.goal += age * 400e3
		p.rss += age * 500e3
		p.heap += age * 200e3
	case "files":
		p.fds += math.Round(0.5 * age)
	case "warmup":
		w := math.Min(age, 10) / 10
		p.goroutines += math.Round(80 * w)
		p.fds += math.Round(40 * w)
	case "sawtooth":
		phase := math.Mod(age, 37) / 37
		p.heap += 40e6 * phase
		p.rss += 20e6 * phase
	}
	return p
}

func main() {
	flag.Parse()
	if *out == "" {
		log.Fatal("give -out FILE")
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	last := *end
	if last == 0 {
		last = time.Now().Unix()
	}
	step := interval.Seconds()
	n := int(*hours*3600/step) + 1
	first := float64(last) - float64(n-1)*step
	names := []string{"go_goroutines", "process_open_fds", "process_resident_memory_bytes",
		"go_memstats_heap_inuse_bytes", "go_memstats_next_gc_bytes", "go_threads",
		"process_start_time_seconds", "process_max_fds"}
	// One pass per family (OpenMetrics wants each family together); the
	// same seed per instance gives the same noise in every pass.
	for fam, name := range names {
		fmt.Fprintf(w, "# TYPE %s gauge\n", name)
		for i := 0; i < *instances; i++ {
			r := rand.New(rand.NewSource(int64(i)))
			labels := fmt.Sprintf(`instance="10.%d.%d.%d:8080",job="api",namespace="prod",pod="api-%d-%s"`,
				i/65536, i/256%256, i%256, i, kindOf(i))
			for k := 0; k < n; k++ {
				t := first + float64(k)*step
				p := at(i, float64(k)*step/60, r, first-3600)
				v := []float64{p.goroutines, p.fds, p.rss, p.heap, p.goal, p.threads, p.start, 1024}[fam]
				fmt.Fprintf(w, "%s{%s} %g %.0f\n", name, labels, v, t)
			}
		}
	}
	fmt.Fprintf(w, "# EOF\n")
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	f.Close()
}
