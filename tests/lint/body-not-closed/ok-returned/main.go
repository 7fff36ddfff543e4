package svc

import (
	"io"
	"net/http"
)

type result struct{ resp *http.Response }

func do(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func body(u string) (io.ReadCloser, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func wrapped(u string) (*result, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return &result{resp: resp}, nil
}
