package client

import (
	"io"
	"net/http"
)

// resp is replaced by a checked fallback before the defer.
func Fetch(primary, backup string) ([]byte, error) {
	resp, err := http.Get(primary)
	if err != nil {
		resp, err = http.Get(backup)
		if err != nil {
			return nil, err
		}
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
