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
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
	}
	err := srv.ListenAndServe()
	check(err)
}

func run(addr string, h http.Handler) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
	}
	return srv.ListenAndServe()
}

func admin(port int, h http.Handler) {
	srv := &http.Server{
		Addr:              fmt.Sprintf(":%d", port),
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
	}
	if err := srv.ListenAndServe(); err != nil {
		log.Printf("admin: %v", err)
	}
}

func background(addr string, h http.Handler) <-chan error {
	errc := make(chan error, 1)
	go func() {
		srv := &http.Server{
			Addr:              addr,
			Handler:           h,
			ReadHeaderTimeout: 10 * time.Second,
		}
		errc <- srv.ListenAndServe()
	}()
	return errc
}

func debug(addr string) {
	srv := &http.Server{
		Addr:              addr,
		ReadHeaderTimeout: 10 * time.Second,
	}
	// The profiler's server; its error does not matter. The comments stay
	// on the statement they are about, //nolint included.
	//nolint:errcheck
	go srv.ListenAndServe()
}

func metrics(port int, h http.Handler) {
	go func() {
		srv := &http.Server{
			Addr:              fmt.Sprintf("0.0.0.0:%d", port),
			Handler:           h,
			ReadHeaderTimeout: 10 * time.Second,
		}
		check(srv.ListenAndServe())
	}()
}

func byMode(mode string, h http.Handler) error {
	switch mode {
	case "public":
		srv := &http.Server{
			Addr:              ":80",
			Handler:           h,
			ReadHeaderTimeout: 10 * time.Second,
		}
		return srv.ListenAndServe()
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
