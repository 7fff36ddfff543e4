// Command app is a test fixture for `plumber watch --prometheus`: a Go
// service that exposes the metrics client_golang would (go_goroutines,
// go_threads, process_open_fds, process_max_fds,
// process_resident_memory_bytes, process_start_time_seconds,
// go_memstats_heap_inuse_bytes, go_memstats_next_gc_bytes) on /metrics in
// the Prometheus text format, written by hand (no module downloads here),
// plus net/http/pprof, and leaks for real on loopback or behaves.
// Standard library only, Go 1.19.
//
//	app -mode body       response bodies never closed nor read
//	app -mode transport  a new http.Transport per request, bodies closed
//	app -mode healthy    one shared client, bodies read and closed
//	app -mode pool       40 workers warm a pool of 40 conns, then flat
//	app -mode files      opens files and never closes them (fds only)
//	app -mode blocked    goroutines blocked on a channel (no fds)
//	app -mode memory     keeps buffers forever (heap and RSS grow)
//
// With -restart-every D the process runs as a supervisor that starts the
// service as a child, lets it live D, and starts it again on the same
// address (a restart: a new process_start_time_seconds). The child dies
// with the supervisor (Pdeathsig).
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

var (
	mode     = flag.String("mode", "healthy", "body, transport, healthy, pool, files, blocked or memory")
	listen   = flag.String("listen", "127.0.0.1:0", "serve /metrics and /debug/pprof/ here")
	rate     = flag.Float64("rate", 5, "leaks (or requests) per second")
	maxLeaks = flag.Int("max", 3000, "stop leaking after this many")
	lifetime = flag.Duration("time", 5*time.Minute, "exit after this long")
	restart  = flag.Duration("restart-every", 0, "supervise: restart the service this often")
)

var started = time.Now()

// ---------------------------------------------------------------------
// /metrics, as client_golang's Go and process collectors name them

func openFds() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}

func maxFds() uint64 {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return 0
	}
	return rl.Cur
}

func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return -1
	}
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	pages, _ := strconv.ParseInt(fields[21], 10, 64) // rss is field 24, the 22nd after comm and state
	return pages * int64(os.Getpagesize())
}

func metrics(w http.ResponseWriter, r *http.Request) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	threads, _ := runtime.ThreadCreateProfile(nil)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	g := func(name, help string, v float64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %s\n", name, help, name, name,
			strconv.FormatFloat(v, 'g', -1, 64))
	}
	g("go_goroutines", "Number of goroutines that currently exist.", float64(runtime.NumGoroutine()))
	g("go_threads", "Number of OS threads created.", float64(threads))
	g("go_memstats_heap_inuse_bytes", "Number of heap bytes that are in use.", float64(ms.HeapInuse))
	g("go_memstats_next_gc_bytes", "Number of heap bytes when next garbage collection will take place.", float64(ms.NextGC))
	g("process_open_fds", "Number of open file descriptors.", float64(openFds()))
	g("process_max_fds", "Maximum number of open file descriptors.", float64(maxFds()))
	g("process_resident_memory_bytes", "Resident memory size in bytes.", float64(rssBytes()))
	g("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
		float64(started.UnixNano())/1e9)
}

// ---------------------------------------------------------------------
// The behaviours

func serveData() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	payload := strings.Repeat("x", 32<<10)
	mux := http.NewServeMux()
	mux.HandleFunc("/data", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("slow") != "" {
			time.Sleep(200 * time.Millisecond)
		}
		io.WriteString(w, payload)
	})
	go http.Serve(ln, mux)
	return "http://" + ln.Addr().String() + "/data"
}

func every(f func(i int)) {
	t := time.NewTicker(time.Duration(float64(time.Second) / *rate))
	for i := 0; i < *maxLeaks; i++ {
		<-t.C
		f(i)
	}
	select {}
}

var held []interface{}

func run() {
	url := serveData()
	switch *mode {
	case "body":
		every(func(int) {
			resp, err := http.Get(url)
			if err == nil {
				held = append(held, resp) // never read, never closed
			}
		})
	case "transport":
		every(func(int) {
			c := &http.Client{Transport: &http.Transport{}}
			resp, err := c.Get(url)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	case "healthy":
		every(func(int) {
			resp, err := http.Get(url)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	case "pool":
		tr := &http.Transport{MaxIdleConnsPerHost: 40, MaxConnsPerHost: 40}
		c := &http.Client{Transport: tr}
		var wg sync.WaitGroup
		for w := 0; w < 40; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					resp, err := c.Get(url + "?slow=1")
					if err != nil {
						time.Sleep(50 * time.Millisecond)
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}()
			time.Sleep(100 * time.Millisecond)
		}
		wg.Wait()
	case "files":
		every(func(int) {
			f, err := os.Open("/dev/null")
			if err == nil {
				held = append(held, f)
			}
		})
	case "blocked":
		ch := make(chan int)
		every(func(int) { go func() { ch <- 1 }() })
	case "memory":
		every(func(int) {
			b := make([]byte, 1<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1 // touch every page, so RSS grows too
			}
			held = append(held, b)
		})
	default:
		log.Fatalf("unknown -mode %s", *mode)
	}
}

// supervise runs this program again without -restart-every, restarting it
// every *restart, until SIGTERM or *lifetime.
func supervise() {
	args := []string{}
	for i := 1; i < len(os.Args); i++ {
		a := strings.TrimPrefix(os.Args[i], "-")
		switch {
		case a == "restart-every" || a == "-restart-every":
			i++ // and its value
		case strings.HasPrefix(a, "restart-every=") || strings.HasPrefix(a, "-restart-every="):
		default:
			args = append(args, os.Args[i])
		}
	}
	args = append(args, "-time", restart.String())
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	end := time.After(*lifetime)
	for {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		if err := cmd.Start(); err != nil {
			log.Fatal(err)
		}
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
			time.Sleep(100 * time.Millisecond) // the port is free again
		case <-stop:
			cmd.Process.Kill()
			<-done
			return
		case <-end:
			cmd.Process.Kill()
			<-done
			return
		}
	}
}

func main() {
	flag.Parse()
	if *restart > 0 {
		supervise()
		return
	}
	time.AfterFunc(*lifetime, func() { os.Exit(0) })
	http.HandleFunc("/metrics", metrics)
	var ln net.Listener
	var err error
	for i := 0; i < 50; i++ { // after a restart the old process may hold the port a moment
		if ln, err = net.Listen("tcp", *listen); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		log.Fatal(err)
	}
	go func() { log.Fatal(http.Serve(ln, nil)) }()
	run()
}
