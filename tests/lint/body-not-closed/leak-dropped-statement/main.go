package svc

import "net/http"

func warm(urls []string) {
	for _, u := range urls {
		http.Get(u)
	}
}
