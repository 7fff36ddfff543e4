// An example program: its readers want the shortest server.
package main

import (
	"io"
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { io.Copy(w, r.Body) })
	log.Fatal(http.ListenAndServe(":8080", nil))
}
