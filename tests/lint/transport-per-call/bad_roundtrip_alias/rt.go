package rt

import (
	nethttp "net/http"
)

type Checker struct{ URL string }

// Check sends one request straight through a fresh transport.
func (c *Checker) Check() (int, error) {
	req, err := nethttp.NewRequest("HEAD", c.URL, nil)
	if err != nil {
		return 0, err
	}
	t := &nethttp.Transport{ForceAttemptHTTP2: true}
	resp, err := t.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
