package api

import (
	"net"
	"net/http"
	"time"
)

// Slow headers and idle connections are bounded by ReadHeaderTimeout (the
// header deadline is set before waiting for the next request); leaving
// WriteTimeout unset is a choice for streaming handlers, not a leak.
func Start(ln net.Listener, h http.Handler) error {
	s := http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 0}
	return s.Serve(ln)
}

// ReadTimeout bounds headers, body and idle connections.
func StartRead(ln net.Listener, h http.Handler) error {
	return (&http.Server{Handler: h, ReadTimeout: 30 * time.Second}).Serve(ln)
}

// Write and idle timeouts only: a client sending its headers a byte at a
// time still holds a connection and a goroutine.
func StartWriteOnly(ln net.Listener, h http.Handler) error {
	s := &http.Server{Handler: h, WriteTimeout: time.Minute, IdleTimeout: time.Minute}
	return s.Serve(ln)
}

// A read timeout set to zero is no timeout.
func StartZero(ln net.Listener, h http.Handler) error {
	s := &http.Server{Handler: h, ReadHeaderTimeout: 0}
	return s.Serve(ln)
}
