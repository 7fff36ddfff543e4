// Package status polls upstream health endpoints.
package status

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

type Health struct {
	Status string `json:"status"`
}

// Check closes the body only when it decodes it. On any non-200 answer
// (a 503 from an overloaded upstream, a 404 after a deploy) the body is
// never closed, and its connection is never reused or released.
func Check(url string) (string, error) {
	resp, err := client.Get(url)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s: %s", url, resp.Status)
	}
	defer resp.Body.Close()
	var h Health
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
		return "", err
	}
	return h.Status, nil
}

// Watch checks every upstream once per interval, forever.
func Watch(urls []string, every time.Duration, report func(url, status string, err error)) {
	for range time.Tick(every) {
		for _, u := range urls {
			s, err := Check(u)
			report(u, s, err)
		}
	}
}
