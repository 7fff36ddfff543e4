package main

import (
	"io"
	"log"
	"net/http"
)

func main() {
	// Made once in main: fine.
	upstream := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
	_ = upstream

	http.HandleFunc("/relay", func(w http.ResponseWriter, r *http.Request) {
		// Made again for every request the server handles.
		c := &http.Client{Transport: &http.Transport{}}
		resp, err := c.Get("http://backend.internal/data")
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		io.Copy(w, resp.Body)
	})
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
