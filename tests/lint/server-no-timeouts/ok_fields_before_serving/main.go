package main

import (
	"log"
	"net/http"
	"time"
)

func main() {
	srv := &http.Server{Addr: ":8080"}
	srv.ReadHeaderTimeout = 5 * time.Second
	srv.WriteTimeout = 30 * time.Second
	log.Fatal(srv.ListenAndServe())
}

type App struct{ srv *http.Server }

func (a *App) Run() error {
	a.srv = &http.Server{Addr: ":9090"}
	a.srv.ReadTimeout = 10 * time.Second
	a.srv.IdleTimeout = time.Minute
	return a.srv.ListenAndServeTLS("cert.pem", "key.pem")
}
