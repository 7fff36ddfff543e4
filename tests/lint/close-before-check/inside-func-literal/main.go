package client

import (
	"log"
	"net/http"
)

// Each failed Get panics in the deferred close once Ping returns.
func Ping(urls []string) {
	for _, u := range urls {
		func() {
			resp, err := http.Get(u)
			defer resp.Body.Close()
			if err != nil {
				log.Print(err)
				return
			}
			log.Print(u, resp.Status)
		}()
	}
}
