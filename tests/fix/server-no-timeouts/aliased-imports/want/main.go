package main

import (
	"log"
	nethttp "net/http"
	stdtime "time"
)

// net/http and time under other names: the fix writes nethttp.Server and
// stdtime.Second.
type app struct {
	started stdtime.Time
}

func (a *app) ServeHTTP(w nethttp.ResponseWriter, r *nethttp.Request) {
	w.Header().Set("X-Uptime", stdtime.Since(a.started).String())
}

func main() {
	a := &app{started: stdtime.Now()}
	srv := &nethttp.Server{
		Addr:              ":8080",
		Handler:           a,
		ReadHeaderTimeout: 10 * stdtime.Second,
	}
	log.Fatal(srv.ListenAndServe())
}
