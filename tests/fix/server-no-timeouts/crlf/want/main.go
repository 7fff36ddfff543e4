package main

import (
	"log"
	"net/http"
	"time"
)

// A file with CRLF line endings keeps them in every line the fixes add.
func main() {
	api := &http.Server{
		Addr:              ":8081",
		Handler:           http.NotFoundHandler(),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() { log.Print(api.ListenAndServe()) }()
	srv := &http.Server{
		Addr:              ":8080",
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Fatal(srv.ListenAndServe())
}
