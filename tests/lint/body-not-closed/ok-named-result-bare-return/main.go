package svc

import "net/http"

func get(u string) (resp *http.Response, err error) {
	resp, err = http.Get(u)
	return
}
