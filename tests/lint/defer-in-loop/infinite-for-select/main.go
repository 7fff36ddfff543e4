package poll

import (
	"context"
	"log"
	"net/http"
	"time"
)

// Watch polls url until ctx ends; every tick leaks one response body.
func Watch(ctx context.Context, c *http.Client, url string) {
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			log.Print(err)
			continue
		}
		resp, err := c.Do(req)
		if err != nil {
			log.Print(err)
			continue
		}
		defer resp.Body.Close()
		log.Printf("%s: %s", url, resp.Status)
	}
}
