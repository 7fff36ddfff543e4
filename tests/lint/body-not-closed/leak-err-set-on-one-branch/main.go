package svc

import (
	"fmt"
	"net/http"
)

func check(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("unexpected status %s", resp.Status)
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}
