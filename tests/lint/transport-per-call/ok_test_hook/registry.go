package registry

import (
	"context"
	"net"
	"net/http"
)

// Set by tests only.
var testDialContext func(ctx context.Context, network, addr string) (net.Conn, error)

func makeRequest(req *http.Request) (*http.Response, error) {
	c := &http.Client{}
	if testDialContext != nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.DialContext = testDialContext
		c.Transport = tr
	}
	return c.Do(req)
}

// A local named like a hook is not one.
func makeOther(req *http.Request, testing bool) (*http.Response, error) {
	c := &http.Client{}
	if !testing {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		c.Transport = tr
	}
	return c.Do(req)
}
