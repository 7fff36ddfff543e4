package svc

import (
	"io"
	"net/http"
)

// The inner err is another variable: its check does not mean the call failed.
func read(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == 200 {
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		return data, nil
	}
	resp.Body.Close()
	return nil, nil
}
