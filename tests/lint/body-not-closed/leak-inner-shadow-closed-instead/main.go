package svc

import "net/http"

func both(u, v string, second bool) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	if second {
		resp, err := http.Get(v)
		if err != nil {
			return err
		}
		resp.Body.Close()
		return nil
	}
	resp.Body.Close()
	return nil
}
