package svc

import "net/http"

func withRetry(c *http.Client, req *http.Request) (int, error) {
	attempts := 0
retry:
	resp, err := c.Do(req)
	if err != nil {
		if attempts < 3 {
			attempts++
			goto retry
		}
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
