// Package http wraps the inventory API; it is a client of net/http, not net/http.
package http

import (
	"encoding/json"
	"net/http"
)

type Item struct {
	ID string `json:"id"`
}

// Lookup forgets the body when the status is not 200.
func Lookup(c *http.Client, url string) (*Item, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil
	}
	defer resp.Body.Close()
	var it Item
	return &it, json.NewDecoder(resp.Body).Decode(&it)
}

// Count closes the body on every path.
func Count(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var n int
	return n, json.NewDecoder(resp.Body).Decode(&n)
}
