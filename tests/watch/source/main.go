// Command source is a test fixture for `plumber watch --source`: a
// service whose leaks sit in functions of this directory, so that watch
// can tie the goroutines that grow to the lint findings of these files.
// Written for the plumber tests; standard library only, Go 1.19.
//
//	source -mode body       fetch.go: bodies never closed
//	source -mode transport  client.go: a new http.Transport per call
//	source -mode stuck      report.go: a handler writes a whole file to
//	                        clients that never read
//
// Everything is on loopback and bounded by -max and -time.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strings"
	"time"
)

var (
	mode      = flag.String("mode", "body", "body, transport or stuck")
	rate      = flag.Int("rate", 40, "requests or stuck clients per second")
	maxReqs   = flag.Int("max", 2000, "stop after this many requests or clients")
	lifetime  = flag.Duration("time", 60*time.Second, "exit after this long")
	pprofAddr = flag.String("pprof", "", "serve net/http/pprof on this address")
	latency   = flag.Duration("latency", 20*time.Millisecond, "how long the backend takes to answer")
	workDir   = flag.String("dir", os.TempDir(), "-mode stuck writes its report file here")
)

// backend answers /data after -latency with 32 KiB, more than a
// transport reads ahead, so an unread body leaves bytes in the socket.
func backend() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	payload := strings.Repeat("x", 32<<10)
	mux := http.NewServeMux()
	mux.HandleFunc("/data", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(*latency)
		fmt.Fprint(w, payload)
	})
	// Idle connections stay open for the whole run: the leaks stay leaked.
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Hour}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/data"
}

func every(f func(i int)) {
	t := time.NewTicker(time.Second / time.Duration(*rate))
	defer t.Stop()
	for i := 0; i < *maxReqs; i++ {
		<-t.C
		f(i)
	}
}

func main() {
	flag.Parse()
	time.AfterFunc(*lifetime, func() { os.Exit(0) })
	if *pprofAddr != "" {
		go func() {
			srv := &http.Server{Addr: *pprofAddr, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second}
			log.Fatal(srv.ListenAndServe())
		}()
	}
	switch *mode {
	case "body":
		url := backend()
		every(func(int) { fetchStatus(url) })
	case "transport":
		url := backend()
		every(func(int) { fetchWithOwnClient(url) })
	case "stuck":
		addr := serveReports(*workDir)
		var held []net.Conn
		every(func(int) {
			if c := stallingClient(addr); c != nil {
				held = append(held, c)
			}
		})
		defer func() { _ = held }()
	default:
		fmt.Fprintf(os.Stderr, "source: unknown -mode %q\n", *mode)
		os.Exit(2)
	}
	select {} // keep what leaked until the lifetime ends
}
