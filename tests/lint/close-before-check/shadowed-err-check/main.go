package client

import (
	"net/http"
	"os"
)

// The err checked in the if is a new variable: Get's err is never looked at.
func Fetch(url string) error {
	resp, err := http.Get(url)
	if err := os.Setenv("LAST_URL", url); err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}
