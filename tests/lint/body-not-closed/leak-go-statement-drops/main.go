package svc

import "net/http"

func fire(u string) {
	go http.Get(u)
}
