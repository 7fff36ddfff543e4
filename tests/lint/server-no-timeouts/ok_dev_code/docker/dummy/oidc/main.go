// A stand-in identity provider for the integration containers.
package main

import (
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"issuer":"http://dummy"}`))
	})
	log.Fatal(http.ListenAndServe(":9998", nil))
}
