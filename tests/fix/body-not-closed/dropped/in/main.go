package main

import (
	"net/http"
)

func ping(url string) {
	http.Get(url)
}

func send(c *http.Client, req *http.Request) error {
	_, err := c.Do(req)
	if err != nil {
		return err
	}
	return nil
}

func main() {
	ping("http://127.0.0.1:1/")
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:1/", nil)
	_ = send(http.DefaultClient, req)
}
