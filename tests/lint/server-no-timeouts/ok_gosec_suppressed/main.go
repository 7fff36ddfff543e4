package main

import (
	"log"
	"net/http"
	"os"
)

// The maintainers already answered gosec's G112/G114 for these lines.
func debug() {
	go http.ListenAndServe(":"+os.Getenv("PPROF_PORT"), nil) //#nosec G114 -- opt-in debug port

	go http.ListenAndServe(":6061", nil) // #nosec

	// #nosec G112 -- behind the ingress, which enforces its own timeouts
	internal := &http.Server{Addr: ":9000"}
	go internal.ListenAndServe()

	go http.ListenAndServe(":6062", nil) //nolint:gosec // metrics scraper only
}

// Another check's suppression does not cover this one: reported.
func public() {
	go http.ListenAndServe(":8080", nil) // #nosec G104

	// #nosec G114 (the call's code, not the literal's)
	api := &http.Server{Addr: ":8443"}
	log.Fatal(api.ListenAndServeTLS("cert.pem", "key.pem"))
}

func main() {
	debug()
	public()
}
