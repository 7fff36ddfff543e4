// Package http is this service's HTTP transport layer; it is not net/http.
package http

import (
	"context"
	"net/http"
	"time"
)

// Server is the transport's own server type, with its own lifecycle.
type Server struct {
	Name    string
	handler http.Handler
}

// NewServer builds the transport's Server: not a net/http Server.
func NewServer(name string, h http.Handler) *Server {
	return &Server{Name: name, handler: h}
}

// Run serves on addr with a net/http Server that has no timeouts.
func (s *Server) Run(addr string) error {
	srv := &http.Server{Addr: addr, Handler: s.handler}
	return srv.ListenAndServe()
}

// RunSafe serves with timeouts.
func (s *Server) RunSafe(ctx context.Context, addr string) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       time.Minute,
	}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	return srv.ListenAndServe()
}

// Default is a zero transport Server.
var Default = Server{Name: "default"}
