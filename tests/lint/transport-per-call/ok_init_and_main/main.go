package main

import (
	"log"
	"net/http"
)

var client *http.Client

func init() {
	client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
}

func main() {
	tr := &http.Transport{MaxIdleConns: 4}
	c := &http.Client{Transport: tr}
	for i := 0; i < 3; i++ {
		resp, err := c.Get("http://127.0.0.1:9000/")
		if err != nil {
			log.Fatal(err)
		}
		resp.Body.Close()
	}
	resp, err := client.Get("http://127.0.0.1:9000/other")
	if err == nil {
		resp.Body.Close()
	}
}
