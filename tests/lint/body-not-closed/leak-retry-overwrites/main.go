package svc

import (
	"net/http"
	"time"
)

// Retries on a bad status without closing the previous body.
func fetch(c *http.Client, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		resp, err = c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			break
		}
		time.Sleep(time.Second)
	}
	return resp, err
}
