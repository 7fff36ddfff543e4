// Command leaker is a test fixture for `plumber watch`: an HTTP server and a
// client in one process, on loopback, that either leaks for real (bounded
// in count and time) or behaves. Written for the plumber tests; standard
// library only, Go 1.19.
//
//	leaker -mode body       response bodies never closed nor read
//	leaker -mode defer      defer resp.Body.Close() inside a long loop
//	leaker -mode transport  a new http.Transport per request
//	leaker -mode healthy    one shared client, bodies read and closed
//	leaker -mode pool       40 workers warm a pool of 40 conns, then flat
//	leaker -mode many       hold -fds open files and -goroutines parked
//	                        goroutines, flat (for measuring watch's overhead)
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
	"strings"
	"sync"
	"time"
)

var (
	mode      = flag.String("mode", "healthy", "body, defer, transport, healthy or pool")
	rate      = flag.Int("rate", 40, "requests per second (leaking modes and healthy)")
	maxReqs   = flag.Int("max", 2000, "stop making requests after this many")
	lifetime  = flag.Duration("time", 60*time.Second, "exit after this long")
	pprofAddr = flag.String("pprof", "", "serve net/http/pprof on this address")
	bodySize  = flag.Int("body", 32<<10, "bytes in each response body")
	badPprof  = flag.String("bad-pprof", "", "serve a broken pprof on this address: garbage goroutines, a heap that hangs")
	manyFds   = flag.Int("fds", 10000, "open files held by -mode many")
	manyGs    = flag.Int("goroutines", 100000, "parked goroutines held by -mode many")
	_         = flag.String("tag", "", "ignored; shows up in the command line")
)

// held keeps -mode many's files referenced, so no finalizer closes them.
var held []*os.File

func serve() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	payload := strings.Repeat("x", *bodySize)
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

func tick() <-chan time.Time {
	return time.NewTicker(time.Second / time.Duration(*rate)).C
}

// leakBodies never reads nor closes a body: each request keeps its
// connection, its readLoop and writeLoop goroutines, and unread bytes.
func leakBodies(url string) {
	t := tick()
	for i := 0; i < *maxReqs; i++ {
		<-t
		resp, err := http.Get(url)
		if err != nil {
			continue
		}
		_ = resp.StatusCode
	}
}

// deferInLoop reads a little of each body and defers the close, so no body
// is closed until the loop returns, which it does only at the end.
func deferInLoop(url string) error {
	t := tick()
	buf := make([]byte, 128)
	for i := 0; i < *maxReqs; i++ {
		<-t
		resp, err := http.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if _, err := io.ReadFull(resp.Body, buf); err != nil {
			return err
		}
	}
	return nil
}

// transportPerRequest makes a transport per request and never closes its
// idle connections.
func transportPerRequest(url string) {
	t := tick()
	for i := 0; i < *maxReqs; i++ {
		<-t
		c := &http.Client{Transport: &http.Transport{}}
		resp, err := c.Get(url)
		if err != nil {
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// healthy uses one client and reads and closes every body.
func healthy(url string) {
	t := tick()
	for i := 0; i < *maxReqs; i++ {
		<-t
		resp, err := http.Get(url)
		if err != nil {
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// pool starts 40 workers, one every 50 ms, sharing a transport sized for
// 40 connections. Each worker always has a (200 ms) request in flight, so
// the pool holds exactly 40 connections after 2 s and then stays flat.
func pool(url string) {
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
		time.Sleep(50 * time.Millisecond)
	}
	wg.Wait()
}

func main() {
	flag.Parse()
	time.AfterFunc(*lifetime, func() { os.Exit(0) })
	if *pprofAddr != "" {
		go func() { log.Fatal(http.ListenAndServe(*pprofAddr, nil)) }()
	}
	if *badPprof != "" {
		bad := http.NewServeMux()
		bad.HandleFunc("/debug/pprof/goroutine", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "<html><body>this is not a profile</body></html>\n")
		})
		bad.HandleFunc("/debug/pprof/heap", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(time.Hour):
			}
		})
		go func() { log.Fatal(http.ListenAndServe(*badPprof, bad)) }()
	}
	url := serve()
	switch *mode {
	case "body":
		leakBodies(url)
	case "defer":
		if err := deferInLoop(url); err != nil {
			log.Fatal(err)
		}
	case "transport":
		transportPerRequest(url)
	case "healthy":
		healthy(url)
	case "pool":
		pool(url)
	case "many":
		for i := 0; i < *manyFds; i++ {
			f, err := os.Open("/dev/null")
			if err != nil {
				log.Fatal(err)
			}
			held = append(held, f)
		}
		park := make(chan struct{})
		for i := 0; i < *manyGs; i++ {
			go func() { <-park }()
		}
		defer close(park)
	default:
		fmt.Fprintf(os.Stderr, "leaker: unknown -mode %q\n", *mode)
		os.Exit(2)
	}
	select {} // keep what leaked until the lifetime ends
}
