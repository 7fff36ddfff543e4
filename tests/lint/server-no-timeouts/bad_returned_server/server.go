package server

import (
	"net/http"
	"time"
)

type App struct {
	srv *http.Server
}

// Served by whoever gets it.
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h, IdleTimeout: time.Minute}
}

func (a *App) Init(addr string) {
	a.srv = &http.Server{Addr: addr, WriteTimeout: 10 * time.Second}
	a.srv.ReadTimeout = 10 * time.Second
}

func (a *App) Setup(addr string) {
	a.srv = &http.Server{Addr: addr}
}
