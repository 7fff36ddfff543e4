package main

import (
	"log"
	"net/http"
)

// A file with CRLF line endings keeps them in every line the fixes add.
func main() {
	api := &http.Server{
		Addr:    ":8081",
		Handler: http.NotFoundHandler(),
	}
	go func() { log.Print(api.ListenAndServe()) }()
	log.Fatal(http.ListenAndServe(":8080", nil))
}
