package app

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// Every failed attempt closes its body before the next; the success
// path leaves the loop with the body, closed after it.
func getWithRetry(c *http.Client, req *http.Request, attempts int) ([]byte, error) {
	var resp *http.Response
	var err error
	done := false
	for i := 0; i < attempts; i++ {
		resp, err = c.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		done = true
		break
	}
	if !done {
		return nil, errors.New("out of attempts")
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The same loop, but a 5xx attempt is retried without closing its body.
func getWithRetryLeaky(c *http.Client, req *http.Request, attempts int) ([]byte, error) {
	var resp *http.Response
	var err error
	ok := false
	for i := 0; i < attempts; i++ {
		resp, err = c.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			continue
		}
		ok = true
		break
	}
	if !ok {
		return nil, errors.New("out of attempts")
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
