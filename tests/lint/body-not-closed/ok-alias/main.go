package svc

import "net/http"

func alias(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	body := resp.Body
	defer body.Close()
	return nil
}
