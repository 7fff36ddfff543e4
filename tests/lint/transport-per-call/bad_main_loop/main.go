package main

import (
	"fmt"
	"net/http"
	"time"
)

func main() {
	for {
		tr := &http.Transport{IdleConnTimeout: time.Minute}
		client := &http.Client{Transport: tr}
		resp, err := client.Get("http://127.0.0.1:9000/health")
		if err == nil {
			fmt.Println(resp.Status)
			resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
}
