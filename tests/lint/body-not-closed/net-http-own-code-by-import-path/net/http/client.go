// A tree laid out like GOROOT/src: this directory is net/http itself, whose
// own code defines what closing a body means and is not checked.
package http

import "io"

type Response struct {
	StatusCode int
	Body       io.ReadCloser
}

type Client struct{}

func (c *Client) Get(url string) (*Response, error) { return &Response{}, nil }

var DefaultClient = &Client{}

func Get(url string) (*Response, error) { return DefaultClient.Get(url) }

func statusOf(url string) int {
	resp, err := Get(url)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
