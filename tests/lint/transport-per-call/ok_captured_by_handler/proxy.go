package proxy

import (
	"context"
	"net"
	"net/http"
	"net/http/httputil"
)

// The handler returned captures the proxy: one transport for its life.
func proxyHandler(dial func(ctx context.Context, network, addr string) (net.Conn, error)) http.Handler {
	rp := &httputil.ReverseProxy{
		Director:  func(r *http.Request) {},
		Transport: &http.Transport{DialContext: dial},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rp.ServeHTTP(w, r)
	})
}

// Registered: the same.
func Register(mux *http.ServeMux, upstream string) {
	client := &http.Client{Transport: &http.Transport{}}
	mux.HandleFunc("/up", func(w http.ResponseWriter, r *http.Request) {
		if resp, err := client.Get(upstream); err == nil {
			resp.Body.Close()
		}
	})
}

// Still a leak: a callback run and dropped within the call.
func Each(urls []string, do func(func(string))) {
	client := &http.Client{Transport: &http.Transport{}}
	do(func(u string) {
		if resp, err := client.Get(u); err == nil {
			resp.Body.Close()
		}
	})
}
