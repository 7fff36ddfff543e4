package svc

import (
	"io"
	"net/http"
)

// fetch reads and closes the body itself and returns it as bytes.
func fetch(c *http.Client, u string) (*http.Response, []byte) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func size(c *http.Client, u string) int {
	resp, body := fetch(c, u)
	if resp == nil || resp.StatusCode != 200 {
		return 0
	}
	return len(body)
}
