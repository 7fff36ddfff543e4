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
		log.Fatal(http.ListenAndServeTLS(":8443", certFile, keyFile, mux))
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
		log.Print(http.ServeTLS(ln2, mux, certFile, keyFile))
	}()
	time.AfterFunc(time.Hour, func() { ln.Close() })
	log.Fatal(http.Serve(ln, mux))
}
