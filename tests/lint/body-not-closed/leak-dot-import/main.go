package svc

import . "net/http"

func alive(u string) bool {
	res, err := Get(u)
	if err != nil {
		return false
	}
	return res.StatusCode == StatusOK
}
