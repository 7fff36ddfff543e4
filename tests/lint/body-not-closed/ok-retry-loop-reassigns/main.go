package svc

import "net/http"

// bodyclose #29: a retry loop on the error, closed once it succeeds.
func retry(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	for err != nil {
		resp, err = c.Do(req)
	}
	defer resp.Body.Close()
	return nil
}
