package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"os/signal"
)

// The main server is already named srv (and has no read timeout); the
// pprof server beside it gets srv2. Both need package time, which one
// fix imports: the other is offered in the next round.
func main() {
	mux := http.NewServeMux()
	srv := &http.Server{Addr: ":8080", Handler: mux}
	go func() {
		log.Println(http.ListenAndServe(":6060", nil))
	}()
	go http.ListenAndServe(":9090", mux)
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
