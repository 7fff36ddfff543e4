package web

import (
	"log"
	"net/http"
)

func ExampleServe() {
	log.Fatal(http.ListenAndServe(":8080", Metrics()))
}
