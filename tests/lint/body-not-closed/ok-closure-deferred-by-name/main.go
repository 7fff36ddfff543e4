package svc

import "net/http"

func probe(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	cleanup := func() { resp.Body.Close() }
	defer cleanup()
	return nil
}
