package svc

import (
	"fmt"
	"net/http"
)

func statuses(urls []string) {
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		fmt.Println(resp.StatusCode)
	}
}
