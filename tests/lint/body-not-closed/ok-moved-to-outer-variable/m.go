package app

import (
	"io"
	"net/http"
)

// The body moves to a variable of the enclosing block, closed after it.
func fetch(c *http.Client, u string, mirror string) ([]byte, error) {
	var body io.ReadCloser
	if mirror != "" {
		mresp, err := c.Get(mirror)
		if err != nil {
			return nil, err
		}
		body = mresp.Body
	} else {
		resp, err := c.Get(u)
		if err != nil {
			return nil, err
		}
		body = resp.Body
	}
	defer body.Close()
	return io.ReadAll(body)
}
