package svc

import (
	"io"
	"log"
	"net/http"
)

// The body is closed only when the status is not OK.
func fetch(u string) {
	resp, err := http.Get(u)
	if err != nil {
		log.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		_, _ = io.ReadAll(resp.Body)
		defer resp.Body.Close()
	}
}
