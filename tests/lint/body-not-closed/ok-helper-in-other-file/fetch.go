package svc

import "net/http"

func fetch(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer drainAndClose(resp)
	return nil
}

func fetchBody(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer closeQuietly(resp.Body)
	return nil
}
