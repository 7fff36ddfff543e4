package svc

import (
	"io"
	"net/http"
)

func drain(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer func() {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	return nil
}
