// Package routes is the service's handler.
package routes

import "net/http"

// New returns the service's mux.
func New() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}
