package client

import (
	"fmt"
	"io"
	"log"
	"net/http"
)

func Fetch(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url)
	log.Printf("GET %s", url)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	log.Printf("GET %s: %s", url, resp.Status)
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
