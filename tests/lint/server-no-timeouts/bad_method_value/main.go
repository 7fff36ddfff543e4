package main

import (
	"context"
	"log"
	"net/http"
	"time"
)

// group runs functions and waits for the first error, as errgroup does.
type group struct{ errs chan error }

func (g *group) Go(f func() error) { go func() { g.errs <- f() }() }
func (g *group) Wait() error       { return <-g.errs }

// serve hands the server's method to the group: it is served there.
func serve(ctx context.Context, addr string, h http.Handler) error {
	g := &group{errs: make(chan error, 2)}
	public := &http.Server{Addr: addr, Handler: h}
	g.Go(public.ListenAndServe)
	go func() {
		<-ctx.Done()
		public.Close()
	}()
	return g.Wait()
}

// The same with the timeout set after the literal, before the hand-off: quiet.
func serveConfigured(addr string, h http.Handler) error {
	g := &group{errs: make(chan error, 1)}
	srv := &http.Server{Addr: addr, Handler: h}
	srv.ReadHeaderTimeout = 5 * time.Second
	g.Go(srv.ListenAndServe)
	return g.Wait()
}

// On loopback only: quiet.
func serveLocal(h http.Handler) error {
	g := &group{errs: make(chan error, 1)}
	admin := &http.Server{Addr: "127.0.0.1:6060", Handler: h}
	g.Go(admin.ListenAndServe)
	return g.Wait()
}

// A method value that is never a serving method: the server is not served.
func notServed(h http.Handler) func() error {
	idle := &http.Server{Addr: ":8080", Handler: h}
	return idle.Close
}

func main() {
	log.Fatal(serve(context.Background(), ":8080", http.NotFoundHandler()))
}
