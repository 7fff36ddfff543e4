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
	log.Fatal(nethttp.ListenAndServe(":8080", a))
}
