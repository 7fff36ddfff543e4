package svc

import "net/http"

func probe(u string, quick bool) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	cleanup := func() { resp.Body.Close() }
	if quick {
		return nil
	}
	cleanup()
	return nil
}
