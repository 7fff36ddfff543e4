package main

import (
	"fmt"
	"net/http"
	"os"
)

// check mirrors the shape of seed 000: the close is deferred only when the status is bad.
func check(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return fmt.Errorf("get %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		// the body is only closed here
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func main() {
	if err := check(http.DefaultClient, os.Args[1]); err != nil {
		fmt.Println(err)
	}
}
