// Package http is this module's web front: its Server is not net/http's.
package http

import (
	"net"
	"net/http"
	"time"
)

// Server wraps the standard server with the module's routing.
type Server struct {
	addr    string
	ln      net.Listener
	inner   *http.Server
	handler http.Handler
}

// New builds a Server; its own fields, no net/http timeouts involved.
func New(addr string, h http.Handler) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{addr: addr, ln: ln, handler: h}
	s.inner = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	return s, nil
}

// Serve is the module's own method, not net/http.Serve.
func (s *Server) Serve() error {
	return Serve(s.ln, s)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Serve is a function of this package that shares net/http's name.
func Serve(ln net.Listener, s *Server) error {
	return s.inner.Serve(ln)
}

// Admin is served by net/http with no read timeout: reported.
func Admin(h http.Handler) error {
	admin := &http.Server{Addr: ":9100", Handler: h}
	return admin.ListenAndServe()
}

// And net/http's package function, qualified: reported.
func Legacy(ln net.Listener, h http.Handler) error {
	return http.Serve(ln, h)
}
