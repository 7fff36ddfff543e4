package main

import (
	"net/http"
	"time"
)

// One import, on one line: it becomes a group holding net/http and time.
func main() {
	srv := &http.Server{
		Addr:              ":8080",
		Handler:           http.FileServer(http.Dir("public")),
		ReadHeaderTimeout: 10 * time.Second,
	}
	srv.ListenAndServe()
}
