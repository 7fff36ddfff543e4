//go:build ignore

// Run with `go run gen.go` to preview the generated pages.
package main

import "net/http"

func main() {
	http.ListenAndServe(":8000", http.FileServer(http.Dir("out")))
}
