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
	if resp.StatusCode != 200 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return nil
}
