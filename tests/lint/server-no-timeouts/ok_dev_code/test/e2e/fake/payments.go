package fake

import (
	"net"
	"net/http"
)

// Payments is a fake payment provider the end-to-end suite talks to.
func Payments(ln net.Listener) *http.Server {
	s := &http.Server{Handler: http.NotFoundHandler()}
	go s.Serve(ln)
	return s
}
