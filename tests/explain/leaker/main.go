// Command leaker reproduces one goroutine leak for real on loopback, then
// writes the goroutine dump in three formats and exits:
//
//	leaker -out DIR MODE
//
// DIR/stack.txt is runtime.Stack(all), DIR/debug1.txt and DIR/debug2.txt
// are the pprof goroutine profile at debug=1 and debug=2, DIR/debug0.pb.gz
// the same profile as a protobuf (for go tool pprof -traces). Every mode is
// bounded in time: waits give up after five seconds.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	_ "net/http/pprof"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

var (
	out    = flag.String("out", ".", "directory for the dumps")
	count  = flag.Int("n", 0, "how many goroutines the mode leaves (0: the mode's own number)")
	listen = flag.String("listen", "", "serve modes: write the address here")
)

// Serve modes answer on loopback until killed: "pprof" serves
// net/http/pprof after leaking -n bodies, "hang" accepts and never
// answers, "garbage" answers every request with text that is no dump.
var serveModes = map[string]func(net.Listener){
	"pprof":   servePprof,
	"hang":    serveHang,
	"garbage": serveGarbage,
}

var modes = map[string]func(){
	"unclosed-body":      unclosedBody,
	"idle-conn-growth":   idleConnGrowth,
	"stuck-write":        stuckWrite,
	"hung-request":       hungRequest,
	"blocked-goroutines": blockedGoroutines,
	"timer-select":       timerSelect,
	"healthy":            healthy,
	"h2-unclosed-body":   h2UnclosedBody,
	"body-read":          bodyRead,
	"pool-in-flight":     poolInFlight,
}

// n is -n when given, else the mode's own number.
func n(def int) int {
	if *count > 0 {
		return *count
	}
	return def
}

func main() {
	flag.Parse()
	if serve, ok := serveModes[flag.Arg(0)]; ok {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		must(err)
		must(os.WriteFile(*listen, []byte(ln.Addr().String()), 0o644))
		serve(ln)
		return
	}
	run, ok := modes[flag.Arg(0)]
	if !ok {
		fmt.Fprintln(os.Stderr, "leaker: unknown mode", flag.Arg(0))
		os.Exit(2)
	}
	run()
	writeDumps()
	os.Exit(0)
}

func writeDumps() {
	buf := make([]byte, 32<<20)
	n := runtime.Stack(buf, true)
	must(os.WriteFile(filepath.Join(*out, "stack.txt"), buf[:n], 0o644))
	for _, debug := range []int{1, 2} {
		f, err := os.Create(filepath.Join(*out, fmt.Sprintf("debug%d.txt", debug)))
		must(err)
		must(pprof.Lookup("goroutine").WriteTo(f, debug))
		must(f.Close())
	}
	// debug=0, the protobuf: go tool pprof -traces prints it as text
	f, err := os.Create(filepath.Join(*out, "debug0.pb.gz"))
	must(err)
	must(pprof.Lookup("goroutine").WriteTo(f, 0))
	must(f.Close())
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "leaker:", err)
		os.Exit(2)
	}
}

// waitFor polls until at least n goroutine stacks contain marker, or five
// seconds pass.
func waitFor(marker string, n int) {
	deadline := time.Now().Add(5 * time.Second)
	buf := make([]byte, 8<<20)
	for time.Now().Before(deadline) {
		k := runtime.Stack(buf, true)
		if strings.Count(string(buf[:k]), marker) >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Fprintf(os.Stderr, "leaker: gave up waiting for %d x %q\n", n, marker)
}

func hello(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "hello from the test server\n")
}

// fetchStatus forgets the body: the connection stays busy forever.
func fetchStatus(c *http.Client, url string) int {
	resp, err := c.Get(url)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func unclosedBody() {
	srv := httptest.NewServer(http.HandlerFunc(hello))
	c := &http.Client{}
	for i := 0; i < n(20); i++ {
		fetchStatus(c, srv.URL)
	}
	waitFor("net/http.(*persistConn).writeLoop", n(20))
}

func servePprof(ln net.Listener) {
	unclosedBody()
	http.Serve(ln, nil) // DefaultServeMux carries net/http/pprof
}

func serveHang(ln net.Listener) {
	var held []net.Conn
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		held = append(held, conn)
	}
}

func serveGarbage(ln net.Listener) {
	http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<html>this is not the pprof page (really)</html>\n")
	}))
}

// fetchWithOwnTransport closes the body but drops a transport that still
// holds an idle connection.
func fetchWithOwnTransport(url string) {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func idleConnGrowth() {
	srv := httptest.NewServer(http.HandlerFunc(hello))
	for i := 0; i < n(30); i++ {
		fetchWithOwnTransport(srv.URL)
	}
	waitFor("bufio.(*Reader).Peek", n(30))
}

func stuckWrite() {
	big := make([]byte, 48<<20)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(big)
	}))
	for i := 0; i < n(3); i++ {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		must(err)
		fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: leaker\r\n\r\n")
		conns = append(conns, conn) // never read
	}
	waitFor("internal/poll.(*pollDesc).waitWrite", n(3))
}

// conns keeps the client side of stuck connections open until exit.
var conns []net.Conn

func hungRequest() {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	for i := 0; i < n(12); i++ {
		go fetchStatus(http.DefaultClient, srv.URL)
	}
	waitFor("net/http.(*persistConn).roundTrip", n(12))
}

var errTimeout = errors.New("timed out")

func slowAnswer() int {
	time.Sleep(20 * time.Millisecond)
	return 42
}

// askWithTimeout gives up after a millisecond; the worker then blocks
// forever sending on the unbuffered channel.
func askWithTimeout() (int, error) {
	ch := make(chan int)
	go func() {
		ch <- slowAnswer()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Millisecond):
		return 0, errTimeout
	}
}

func blockedGoroutines() {
	for i := 0; i < n(40); i++ {
		askWithTimeout()
	}
	waitFor("[chan send", n(40))
}

// poll wakes up every hour by itself: blocked, but not for good.
func poll(stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Hour):
		}
	}
}

func timerSelect() {
	stop := make(chan struct{})
	for i := 0; i < 30; i++ {
		go poll(stop)
	}
	waitFor("main.poll", 30)
}

func healthy() {
	srv := httptest.NewServer(http.HandlerFunc(hello))
	c := &http.Client{Timeout: 5 * time.Second}
	for i := 0; i < 10; i++ {
		resp, err := c.Get(srv.URL)
		if err != nil {
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
			}
		}()
	}
	waitFor("main.healthy.func1", 4)
}

func h2UnclosedBody() {
	big := make([]byte, 16<<20) // more than the 4 MiB stream window
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(big)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	c := srv.Client()
	for i := 0; i < n(5); i++ {
		fetchStatus(c, srv.URL)
	}
	waitFor("writeDataFromHandler", n(5))
}

// bodyRead: handlers send the headers and part of the body, then block on
// a channel; each client reads its body with io.ReadAll and waits. The
// readLoops wait for bodies that are being read: in use, not unclosed.
func bodyRead() {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first part of the answer\n")
		w.(http.Flusher).Flush()
		<-release
	}))
	c := &http.Client{}
	for i := 0; i < n(5); i++ {
		go func() {
			resp, err := c.Get(srv.URL)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			io.ReadAll(resp.Body)
		}()
	}
	waitFor("io.ReadAll", n(5))
}

// poolInFlight: a shared client with n idle pooled connections and n
// requests in flight to a server that has not answered yet. Normal.
func poolInFlight() {
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	fast := httptest.NewServer(http.HandlerFunc(hello))
	c := &http.Client{}
	var wg sync.WaitGroup
	for i := 0; i < n(2); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.Get(fast.URL)
			if err != nil {
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}()
	}
	wg.Wait()
	for i := 0; i < n(2); i++ {
		go fetchStatus(c, slow.URL)
	}
	waitFor("net/http.(*persistConn).roundTrip", n(2))
	waitFor("bufio.(*Reader).Peek", 2*n(2))
}
