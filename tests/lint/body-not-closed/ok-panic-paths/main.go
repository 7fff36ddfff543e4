package svc

import "net/http"

func must(u string) {
	resp, err := http.Get(u)
	if err != nil {
		panic(err)
	}
	if resp.StatusCode != 200 {
		panic("bad status")
	}
	resp.Body.Close()
}
