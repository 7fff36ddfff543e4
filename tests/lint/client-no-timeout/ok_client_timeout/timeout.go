package timeout

import (
	"net/http"
	"time"
)

var shared = &http.Client{}

func init() {
	shared.Timeout = 20 * time.Second
}

func A(u string) error {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func B(u string) error {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := shared.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
