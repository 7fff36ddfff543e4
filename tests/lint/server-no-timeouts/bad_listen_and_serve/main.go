package main

import (
	"log"
	"net/http"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("hello"))
	})
	go func() {
		log.Println(http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", mux))
	}()
	log.Fatal(http.ListenAndServe(":8080", mux))
}
