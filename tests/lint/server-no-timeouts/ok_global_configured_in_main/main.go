package main

import (
	"log"
	"net/http"
	"time"
)

var srv = &http.Server{Addr: ":8080"}

func main() {
	srv.ReadHeaderTimeout = 3 * time.Second
	srv.IdleTimeout = time.Minute
	log.Fatal(srv.ListenAndServe())
}

func legacy() {
	http.ListenAndServe(":9", nil) //plumber:ignore server-no-timeouts // loopback debug port
}
