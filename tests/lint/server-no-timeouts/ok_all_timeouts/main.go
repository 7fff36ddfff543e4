package main

import (
	"log"
	"net/http"
	"time"
)

func main() {
	srv := &http.Server{
		Addr:              ":8080",
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       time.Minute,
	}
	log.Fatal(srv.ListenAndServe())
}

// ReadTimeout and WriteTimeout: both sides covered, idle bounded by ReadTimeout.
func alt(ln interface{ Close() error }) *http.Server {
	return &http.Server{ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second}
}
