package svc

import "net/http"

func best(u string) {
	resp, _ := http.Get(u)
	if resp != nil {
		resp.Body.Close()
	}
}
