package svc

import (
	"errors"
	"net/http"
)

func probe(u string) error {
	resp, err := http.Get(u)
	switch {
	case err != nil:
		return err
	case resp.StatusCode >= 500:
		return errors.New("server error")
	}
	return resp.Body.Close()
}
