// Package servertest starts servers for the tests of other packages.
package servertest

import (
	"net"
	"net/http"
)

func Start(h http.Handler) (net.Listener, error) {
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		return nil, err
	}
	go http.Serve(ln, h)
	return ln, nil
}
