package svc

import "net/http"

func produce(u string, out chan<- *http.Response) {
	resp, err := http.Get(u)
	if err != nil {
		return
	}
	out <- resp
}
