package web

import (
	"net/http"
	"time"

	"golang.org/x/net/http2"
)

// Option customizes the server before it starts (set by the caller).
type Option func(*http.Server)

func WithReadTimeout(d time.Duration) Option {
	return func(s *http.Server) { s.ReadTimeout = d }
}

// The caller's options may set the timeouts: silent.
func Start(addr string, h http.Handler, opts ...Option) error {
	srv := &http.Server{Addr: addr, Handler: h}
	for _, opt := range opts {
		opt(srv)
	}
	return srv.ListenAndServe()
}

// A helper of this file sets them: silent.
func StartHardened(addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h}
	harden(srv)
	return srv.ListenAndServe()
}

func harden(s *http.Server) {
	s.ReadHeaderTimeout = 5 * time.Second
	s.IdleTimeout = time.Minute
}

// A helper that sets other things: reported.
func StartLogged(addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h}
	withLogs(srv)
	return srv.ListenAndServe()
}

func withLogs(s *http.Server) {
	s.ErrorLog = nil
}

// http2.ConfigureServer reads the timeouts, it does not set them: reported.
func StartH2(addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h}
	if err := http2.ConfigureServer(srv, &http2.Server{}); err != nil {
		return err
	}
	return srv.ListenAndServeTLS("cert.pem", "key.pem")
}
