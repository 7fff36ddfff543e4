package svc

import (
	"log"
	"net/http"
)

func fanout(urls []string) {
	for _, u := range urls {
		go func(u string) {
			resp, err := http.Get(u)
			if err != nil {
				return
			}
			log.Println(resp.Status)
		}(u)
	}
}
