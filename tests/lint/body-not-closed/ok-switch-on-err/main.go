package svc

import "net/http"

func fetch(u string) error {
	resp, err := http.Get(u)
	switch err {
	case nil:
	default:
		return err
	}
	defer resp.Body.Close()
	return nil
}
