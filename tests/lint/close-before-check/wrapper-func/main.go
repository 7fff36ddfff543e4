package api

import (
	"io"
	"net/http"
)

type Client struct {
	base string
	hc   *http.Client
}

func (c *Client) get(path string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return c.hc.Do(req)
}

func (c *Client) User(id string) ([]byte, error) {
	resp, err := c.get("/users/" + id)
	defer resp.Body.Close()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
