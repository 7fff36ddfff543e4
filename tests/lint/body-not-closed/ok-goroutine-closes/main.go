package svc

import (
	"io"
	"net/http"
)

func background(u string) {
	resp, err := http.Get(u)
	if err != nil {
		return
	}
	go func() {
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
	}()
}
