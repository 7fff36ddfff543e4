package main

import (
	"log"
	. "net/http"
	"time"
)

// net/http imported with a dot: the fix writes &Server{...}.
func main() {
	mux := NewServeMux()
	mux.Handle("/", NotFoundHandler())
	srv := &Server{
		Addr:              ":8080",
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Fatal(srv.ListenAndServe())
}
