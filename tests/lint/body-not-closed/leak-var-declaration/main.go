package svc

import "net/http"

func status(u string) int {
	var resp, err = http.Get(u)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
