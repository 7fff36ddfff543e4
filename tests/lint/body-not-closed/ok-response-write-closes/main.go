package svc

import (
	"io"
	"net/http"
)

// (*http.Response).Write closes the body.
func forward(u string, w io.Writer) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	return resp.Write(w)
}
