package main

import (
	"fmt"
	"io"
	"net/http"
)

// get answers a cached miss with no response and no error.
func get(c *http.Client, u string) (*http.Response, error) {
	if u == "" {
		return nil, nil
	}
	return c.Get(u)
}

// open gives the body alone, for callers that only read.
func open(c *http.Client, u string) (io.ReadCloser, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func status(c *http.Client, u string) (int, error) {
	resp, err := get(c, u)
	if err != nil {
		return 0, err
	}
	if resp == nil {
		return 0, nil
	}
	return resp.StatusCode, nil
}

func firstByte(c *http.Client, u string) (byte, error) {
	body, err := open(c, u)
	if err != nil {
		return 0, err
	}
	var b [1]byte
	if _, err := io.ReadFull(body, b[:]); err != nil {
		return 0, err
	}
	return b[0], nil
}

func main() {
	fmt.Println(status(http.DefaultClient, "http://127.0.0.1:1/"))
	fmt.Println(firstByte(http.DefaultClient, "http://127.0.0.1:1/"))
}
