package svc

import (
	"io"
	"net/http"
)

// The fixed version of the seed: closed on every path.
func fetch(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, err = io.ReadAll(resp.Body)
	}
	return err
}
