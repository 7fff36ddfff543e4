package svc

import (
	"errors"
	"net/http"
)

var errCanceled = errors.New("canceled")

func cancelled(rt http.RoundTripper, req *http.Request) bool {
	res, err := rt.RoundTrip(req)
	if err == errCanceled || errors.Is(err, http.ErrHandlerTimeout) {
		return true
	}
	if err != nil {
		return false
	}
	res.Body.Close()
	return false
}
