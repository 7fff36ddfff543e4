package main

import (
	"io"
	"net/http"
)

// fetchWithOwnClient reads and closes the body, but builds a transport
// per call: its idle keep-alive connection is never closed.
func fetchWithOwnClient(url string) error {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
