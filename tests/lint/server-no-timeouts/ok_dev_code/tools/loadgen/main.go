package main

import (
	"net/http"

	"example.com/shop/internal/web"
)

func main() {
	srv := &http.Server{Addr: ":9090", Handler: web.Metrics()}
	srv.ListenAndServe()
}
