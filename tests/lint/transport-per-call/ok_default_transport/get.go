package get

import (
	"net/http"
	"time"
)

var sharedTransport = &http.Transport{}

// A Client without Transport uses http.DefaultTransport: nothing new per call.
func Get(url string) error {
	c := &http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A Client around a shared transport: nothing new per call either.
func GetShared(url string) error {
	c := http.Client{Transport: sharedTransport}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A transport configured but never used for a request or a client.
func describe() string {
	t := &http.Transport{MaxIdleConns: 3}
	_ = t
	return "unused"
}
