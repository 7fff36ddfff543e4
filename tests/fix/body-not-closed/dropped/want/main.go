package main

import (
	"net/http"
)

func ping(url string) {
	if resp, err := http.Get(url); err == nil {
		resp.Body.Close()
	}
}

func send(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func main() {
	ping("http://127.0.0.1:1/")
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:1/", nil)
	_ = send(http.DefaultClient, req)
}
