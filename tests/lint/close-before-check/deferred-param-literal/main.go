package client

import (
	"io"
	"net/http"
)

// resp.Body is evaluated when the defer runs, before err is checked.
func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	defer func(b io.ReadCloser) { _ = b.Close() }(resp.Body)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
