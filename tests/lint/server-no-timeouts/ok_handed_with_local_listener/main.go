package main

import (
	"log"
	"net"
	"net/http"
	"os"
)

// serve runs srv on ln until it fails.
func serve(srv *http.Server, ln net.Listener) {
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		log.Print(err)
	}
}

// A unix socket for the reverse proxy in front: only local processes connect.
func main() {
	path := os.Getenv("SOCKET")
	addr, err := net.ResolveUnixAddr("unix", path)
	if err != nil {
		log.Fatal(err)
	}
	var ln net.Listener
	if ln, err = net.ListenUnix("unix", addr); err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Addr: path, Handler: http.NotFoundHandler()}
	go serve(srv, ln)

	admin, err := net.Listen("tcp", "localhost:6061")
	if err != nil {
		log.Fatal(err)
	}
	dbg := &http.Server{Handler: http.DefaultServeMux}
	serve(dbg, admin)
}
