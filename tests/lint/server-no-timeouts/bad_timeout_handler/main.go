package main

import (
	"log"
	"net/http"
	"time"
)

// http.TimeoutHandler bounds the handler, which starts only once the
// headers are in: a client sending them slowly is not affected. Reported.
func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok"))
	})
	srv := &http.Server{
		Addr:    ":8080",
		Handler: http.TimeoutHandler(mux, 5*time.Second, "timeout"),
	}
	log.Fatal(srv.ListenAndServe())
}

// With a read timeout as well: silent.
func fixed(mux http.Handler) error {
	srv := &http.Server{
		Addr:              ":8081",
		Handler:           http.TimeoutHandler(mux, 5*time.Second, "timeout"),
		ReadHeaderTimeout: 5 * time.Second,
	}
	return srv.ListenAndServe()
}
