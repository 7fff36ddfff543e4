package client

import (
	"log"
	"net/http"
)

// err is read, but the failing path goes on to the defer: when Get
// fails, resp is nil and the deferred Close panics.
func Status(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		log.Printf("get %s: %v", url, err)
	}
	defer resp.Body.Close()
	return resp.StatusCode
}
