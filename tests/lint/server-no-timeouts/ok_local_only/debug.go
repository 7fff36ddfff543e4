package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
)

var (
	debugAddr  = flag.String("debug-addr", "localhost:6060", "address of the debug endpoints")
	publicAddr = flag.String("addr", ":8080", "address of the public API")
)

const adminHost = "127.0.0.1"

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// Loopback only: a slow client has to be on this machine already.
func debugServers(port int, sock string) {
	go http.ListenAndServe("localhost:6060", nil)
	go http.ListenAndServe(*debugAddr, nil)
	go http.ListenAndServe(fmt.Sprintf("127.0.0.1:%d", port), nil)
	go http.ListenAndServe(net.JoinHostPort("::1", strconv.Itoa(port)), nil)
	go http.ListenAndServe(adminHost+":"+strconv.Itoa(port), nil)

	host := envOr("PROFILE_HOST", "127.0.0.1")
	go http.ListenAndServe(fmt.Sprintf("%s:%d", host, port), nil)

	cb := &http.Server{Addr: "localhost:" + strconv.Itoa(port)}
	go cb.ListenAndServe()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	ui := &http.Server{Handler: http.DefaultServeMux}
	go ui.Serve(ln)

	us, err := net.Listen("unix", sock)
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(us, nil)
}

// Reachable from the network: reported.
func publicServers(port int, ln net.Listener, dev bool) {
	go http.ListenAndServe(*publicAddr, nil)
	go http.ListenAndServe(fmt.Sprintf("0.0.0.0:%d", port), nil)
	go http.ListenAndServe(envOr("API_ADDR", ":8081"), nil)

	// Addr says localhost, but Serve uses the listener it is given.
	api := &http.Server{Addr: "localhost:8082"}
	go api.Serve(ln)

	// Loopback in one branch only.
	var l net.Listener
	var err error
	if dev {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	} else {
		l, err = net.Listen("tcp", ":8083")
	}
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(l, nil)
}

func main() {
	flag.Parse()
	debugServers(6061, "/run/app.sock")
	publicServers(8084, nil, false)
	select {}
}
