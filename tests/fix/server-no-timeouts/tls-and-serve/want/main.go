package main

import (
	"log"
	"net"
	"net/http"
	"time"
)

// ListenAndServeTLS keeps its certificate and key; Serve and ServeTLS
// keep their listener, and Addr is left out (Serve ignores it).
func main() {
	mux := http.NewServeMux()
	certFile, keyFile := "cert.pem", "key.pem"
	go func() {
		srv := &http.Server{
			Addr:              ":8443",
			Handler:           mux,
			ReadHeaderTimeout: 10 * time.Second,
		}
		log.Fatal(srv.ListenAndServeTLS(certFile, keyFile))
	}()
	ln, err := net.Listen("tcp", ":8080")
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		ln2, err := net.Listen("tcp", ":9443")
		if err != nil {
			log.Fatal(err)
		}
		srv2 := &http.Server{
			Handler:           mux,
			ReadHeaderTimeout: 10 * time.Second,
		}
		log.Print(srv2.ServeTLS(ln2, certFile, keyFile))
	}()
	time.AfterFunc(time.Hour, func() { ln.Close() })
	srv3 := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Fatal(srv3.Serve(ln))
}
