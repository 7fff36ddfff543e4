package app

import (
	"example.org/retry"
	"example.org/rpc"
)

// retry.Client wraps net/http: nothing here says so but how the result is used.
func lastModified(c *retry.Client, u string) (string, error) {
	resp, err := c.Get(u)
	if err != nil {
		return "", err
	}
	return resp.Header.Get("Last-Modified"), nil
}

// An RPC client's Get: its result has a Header struct, not an http.Header.
func revision(c *rpc.Client, key string) (int64, error) {
	resp, err := c.Get(key)
	if err != nil {
		return 0, err
	}
	return resp.Header.Revision, nil
}
