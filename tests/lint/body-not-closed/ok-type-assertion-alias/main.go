package svc

import (
	"io"
	"net/http"
)

func upgrade(c *http.Client, req *http.Request) error {
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	rwc, ok := res.Body.(io.ReadWriteCloser)
	if !ok {
		res.Body.Close()
		return nil
	}
	defer rwc.Close()
	return nil
}
