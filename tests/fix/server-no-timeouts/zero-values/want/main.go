package main

import (
	"log"
	"net/http"
	"time"
)

var (
	public  http.Server
	private http.Server
)

// Zero-value Servers: new(http.Server) becomes a literal, a lone
// `var srv http.Server` gets one as its value. The two in the var group
// above are left alone: gofmt aligns the group's columns.
func main() {
	var api = http.Server{ReadHeaderTimeout: 10 * time.Second}
	api.Addr = ":8080"
	api.Handler = http.NotFoundHandler()
	metrics := &http.Server{ReadHeaderTimeout: 10 * time.Second}
	metrics.Addr = ":9090"
	public.Addr, private.Addr = ":80", ":81"
	go func() { log.Print(metrics.ListenAndServe()) }()
	go func() { log.Print(public.ListenAndServe()) }()
	go func() { log.Print(private.ListenAndServe()) }()
	log.Fatal(api.ListenAndServe())
}
