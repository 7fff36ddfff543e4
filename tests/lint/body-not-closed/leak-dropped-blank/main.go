package svc

import "net/http"

func ping(c *http.Client, req *http.Request) error {
	_, err := c.Do(req)
	return err
}
