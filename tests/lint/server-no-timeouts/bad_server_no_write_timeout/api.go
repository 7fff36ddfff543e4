package api

import (
	"net"
	"net/http"
	"time"
)

// Slow headers are covered; slow readers and idle connections are not.
func Start(ln net.Listener, h http.Handler) error {
	s := http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 0}
	return s.Serve(ln)
}

// Reads are bounded (ReadTimeout also bounds idle connections); writes are not.
func StartRead(ln net.Listener, h http.Handler) error {
	return (&http.Server{Handler: h, ReadTimeout: 30 * time.Second}).Serve(ln)
}
