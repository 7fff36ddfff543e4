package retry

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// GetWithRetry: once a response arrives the loop returns, so at most one
// defer is ever pending.
func GetWithRetry(c *http.Client, url string, tries int) ([]byte, error) {
	for i := 0; i < tries; i++ {
		resp, err := c.Get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, errors.New(resp.Status)
		}
		return io.ReadAll(resp.Body)
	}
	return nil, errors.New("no answer")
}
