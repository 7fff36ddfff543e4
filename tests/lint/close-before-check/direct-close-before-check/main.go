package client

import (
	"net/http"
)

func Status(url string) (int, error) {
	resp, err := http.Head(url)
	resp.Body.Close()
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
