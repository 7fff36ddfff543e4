package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"
)

// The main server is already named srv (and has no read timeout); the
// pprof server beside it gets srv2. Both need package time, which one
// fix imports: the other is offered in the next round.
func main() {
	mux := http.NewServeMux()
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		srv2 := &http.Server{
			Addr:              ":6060",
			ReadHeaderTimeout: 10 * time.Second,
		}
		log.Println(srv2.ListenAndServe())
	}()
	srv3 := &http.Server{
		Addr:              ":9090",
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
	}
	go srv3.ListenAndServe()
	go func() {
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, os.Interrupt)
		<-stop
		srv.Shutdown(context.Background())
	}()
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		log.Fatal(err)
	}
}
