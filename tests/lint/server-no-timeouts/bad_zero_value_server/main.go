package main

import (
	"log"
	"net/http"
	"time"
)

func main() {
	var srv http.Server
	srv.Addr = ":8080"
	srv.WriteTimeout = 30 * time.Second
	log.Fatal(srv.ListenAndServe())
}

func quiet() error {
	var s http.Server
	s.ReadHeaderTimeout = time.Second
	s.IdleTimeout = time.Minute
	return s.ListenAndServe()
}

func allocated() error {
	s := new(http.Server)
	s.Addr = ":8081"
	return s.ListenAndServe()
}

func allocatedQuiet() error {
	s := new(http.Server)
	s.ReadTimeout = 10 * time.Second
	return s.ListenAndServe()
}
