package inventory

import (
	"net/http"
	"time"
)

// Store talks to the inventory service.
type Store struct {
	base string
	web  *http.Client
}

func NewStore(base string) *Store {
	return &Store{base: base, web: &http.Client{Timeout: 5 * time.Second}}
}

// status closes the response it is given.
func status(r *http.Response) int {
	defer r.Body.Close()
	return r.StatusCode
}
