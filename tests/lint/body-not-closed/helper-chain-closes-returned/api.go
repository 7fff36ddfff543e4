package api

import (
	"errors"
	"io"
	"net/http"
)

type Client struct {
	http *http.Client
	base string
}

// send reads the whole body and closes it; the response comes back for its status.
func (c *Client) send(req *http.Request) (*http.Response, []byte, error) {
	res, err := c.http.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer func() { _ = res.Body.Close() }()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, nil, err
	}
	return res, data, nil
}

// fetch gets what send gave it: a closed body, or nothing.
func (c *Client) fetch(path string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	res, data, err := c.send(req)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return res, errors.New("empty answer")
	}
	return res, nil
}

// lookup hands fetch's response on as it is.
func (c *Client) lookup(path string) (*http.Response, error) {
	return c.fetch(path)
}

func (c *Client) Ping() error {
	_, err := c.lookup("/ping")
	return err
}

func (c *Client) Missing(path string) (bool, error) {
	res, err := c.fetch(path)
	if err != nil {
		return res != nil && res.StatusCode == http.StatusNotFound, err
	}
	return false, nil
}

// raw returns the response with its body open, and so does its wrapper.
func (c *Client) raw(path string) (*http.Response, error) {
	return c.http.Get(c.base + path)
}

func (c *Client) wrapped(path string) (*http.Response, error) {
	res, err := c.raw(path)
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (c *Client) Touch(path string) error {
	_, err := c.wrapped(path)
	return err
}
