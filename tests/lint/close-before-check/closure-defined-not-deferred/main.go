package client

import (
	"io"
	"net/http"
)

func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	done := func() { resp.Body.Close() }
	if err != nil {
		return nil, err
	}
	defer done()
	return io.ReadAll(resp.Body)
}
