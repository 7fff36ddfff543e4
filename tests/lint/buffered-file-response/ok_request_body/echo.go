package echo

import (
	"io"
	"net/http"
)

// Reading the request body is another matter (bounded by the server's
// limits or http.MaxBytesReader); this rule is about files.
func Echo(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	w.Write(body)
}

func Small(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	w.Write(b) //nolint:buffered-file-response
}
