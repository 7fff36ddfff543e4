package svc

import "net/http"

var client = &http.Client{}

func get(u string) (*http.Response, error) {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

func alive(u string) bool {
	resp, err := get(u)
	if err != nil {
		return false
	}
	return resp.StatusCode == 200
}
