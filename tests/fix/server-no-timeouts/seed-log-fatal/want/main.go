package main

import (
	"log"
	"net/http"
	"os"
	"time"

	_ "net/http/pprof"
)

// A download service shaped like seed 002: the default mux, served by
// http.ListenAndServe inside log.Fatal. time is already imported.
func main() {
	http.HandleFunc("/report", func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Open("report.csv")
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, "report.csv", time.Time{}, f)
	})

	srv := &http.Server{
		Addr:              ":8080",
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Fatal(srv.ListenAndServe()) // the only server
}
