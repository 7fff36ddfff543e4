package svc

import (
	"encoding/json"
	"io"
	"net/http"
)

func decode(u string, v interface{}) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer func(b io.ReadCloser) { _ = b.Close() }(resp.Body)
	return json.NewDecoder(resp.Body).Decode(v)
}
