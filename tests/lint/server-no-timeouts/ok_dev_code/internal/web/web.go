package web

import (
	"net"
	"net/http"
	"testing"
)

func Metrics() http.Handler { return http.NotFoundHandler() }

// StartForTest is a test helper that lives outside _test.go files.
func StartForTest(t testing.TB, h http.Handler) string {
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	go http.Serve(ln, h)
	return ln.Addr().String()
}

// Serve is the production server: reported.
func Serve(ln net.Listener) error {
	return http.Serve(ln, Metrics())
}
