package main

import (
	"log"
	"net/http"
)

func main() {
	srv := &http.Server{
		Addr:    ":8080",
		Handler: http.FileServer(http.Dir("/srv/www")),
	}
	log.Fatal(srv.ListenAndServe())
}
