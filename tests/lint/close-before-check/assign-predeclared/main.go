package client

import (
	"io"
	"net/http"
)

func Fetch(url string) (body []byte, err error) {
	var resp *http.Response
	resp, err = http.Get(url)
	defer resp.Body.Close()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
