package client

import (
	"net/http"
	"time"
)

var shared = &http.Transport{MaxIdleConns: 100}

var api = func() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 32
	return &http.Client{Transport: tr, Timeout: 5 * time.Second}
}()

var (
	slow = http.Client{Transport: &http.Transport{ResponseHeaderTimeout: time.Minute}}
)

func Get(url string) (*http.Response, error) {
	if len(url) > 100 {
		return slow.Get(url)
	}
	return api.Get(url)
}
