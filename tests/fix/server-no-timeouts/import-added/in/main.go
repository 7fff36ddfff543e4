package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"example.com/import-added/internal/routes"
)

// time is not imported: the fix adds it to the standard library's run of
// imports, in its sorted place (after os), not to the module's own.
func main() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8080"
	}
	fmt.Println("listening on", addr)
	log.Fatal(http.ListenAndServe(addr, routes.New()))
}
