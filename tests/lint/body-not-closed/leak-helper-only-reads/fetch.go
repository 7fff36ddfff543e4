package svc

import "net/http"

// logStatus only reads the response: the body still leaks.
func fetch(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	logStatus(resp)
	return nil
}
