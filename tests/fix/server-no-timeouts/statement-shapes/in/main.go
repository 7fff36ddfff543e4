package main

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

var started = time.Now()

func check(err error) {
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// The call as the value of :=, of return, of an if's initializer, of a
// send, in a go statement, in a case, and alone in a one-line function
// literal: each keeps its shape around srv.ListenAndServe(), and the
// Server is declared just before it.
func webhook(addr string, h http.Handler) {
	err := http.ListenAndServe(addr, h)
	check(err)
}

func run(addr string, h http.Handler) error {
	return http.ListenAndServe(addr, h)
}

func admin(port int, h http.Handler) {
	if err := http.ListenAndServe(fmt.Sprintf(":%d", port), h); err != nil {
		log.Printf("admin: %v", err)
	}
}

func background(addr string, h http.Handler) <-chan error {
	errc := make(chan error, 1)
	go func() {
		errc <- http.ListenAndServe(addr, h)
	}()
	return errc
}

func debug(addr string) {
	// The profiler's server; its error does not matter. The comments stay
	// on the statement they are about, //nolint included.
	//nolint:errcheck
	go http.ListenAndServe(addr, nil)
}

func metrics(port int, h http.Handler) {
	go func() { check(http.ListenAndServe(fmt.Sprintf("0.0.0.0:%d", port), h)) }()
}

func byMode(mode string, h http.Handler) error {
	switch mode {
	case "public":
		return http.ListenAndServe(":80", h)
	default:
		return fmt.Errorf("unknown mode %q", mode)
	}
}

func main() {
	mux := http.NewServeMux()
	fmt.Println("up since", started)
	debug(":6060")
	metrics(9090, mux)
	go admin(8081, mux)
	go webhook(":8082", mux)
	go func() { check(<-background(":8083", mux)) }()
	go func() { check(byMode(os.Getenv("MODE"), mux)) }()
	log.Fatal(run(":8080", mux))
}
