package main

import (
	"io"
	"log"
	"net/http"
	"time"
)

// relay forwards a request and times the upstream; the timing statement
// stands between the call and its error check.
func relay(rt http.RoundTripper, w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	resp, err := rt.RoundTrip(r)
	took := time.Since(start)
	log.Printf("upstream took %v", took)

	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}

	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.WriteHeader(resp.StatusCode)
	if _, err := io.Copy(w, resp.Body); err != nil {
		log.Print(err)
	}
}

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		relay(http.DefaultTransport, w, r)
	})
	srv := &http.Server{Addr: "127.0.0.1:0", ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
