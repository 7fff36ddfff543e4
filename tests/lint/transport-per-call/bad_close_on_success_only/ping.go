package ping

import (
	"errors"
	"net/http"
)

func Ping(url string) error {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return err // the transport's connections stay behind on this path
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		tr.CloseIdleConnections()
		return errors.New(resp.Status)
	}
	c.CloseIdleConnections()
	return nil
}
