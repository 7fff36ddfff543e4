package worker

import (
	"io"
	"net/http"
)

// Drain fetches every URL sent on jobs; the worker never returns while
// jobs is open, so its deferred closes never run.
func Drain(jobs <-chan string, sizes chan<- int64) {
	for u := range jobs {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close()
		n, _ := io.Copy(io.Discard, resp.Body)
		sizes <- n
	}
}
