package svc

import "net/http"

var (
	api = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	raw http.Client
)

func Users() error {
	resp, err := api.Get("http://users.internal/list")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Ping() error {
	resp, err := raw.Head("http://users.internal/ping")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
