package svc

import (
	"io"
	"net/http"
)

// Reading to EOF is not closing.
func body(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
