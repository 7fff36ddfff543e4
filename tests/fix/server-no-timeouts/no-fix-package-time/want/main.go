package main

import (
	"log"
	"net/http"
)

// Another file of the package declares a function named time: an import
// of package time here would clash with it, so no fix is offered.
func main() {
	log.Printf("built at %d", built())
	log.Fatal(http.ListenAndServe(":8080", nil))
}
