package app

import (
	"log"
	"net/http"
)

func logErr(f func() error) {
	if err := f(); err != nil {
		log.Print(err)
	}
}

func logError(l *log.Logger, what string, f func() error) {
	if err := f(); err != nil {
		l.Printf("%s: %v", what, err)
	}
}

func statusA(c *http.Client, u string) (int, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, err
	}
	defer logErr(resp.Body.Close)
	return resp.StatusCode, nil
}

func statusB(c *http.Client, l *log.Logger, u string) (int, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, err
	}
	body := resp.Body
	defer logError(l, "closing body", body.Close)
	return resp.StatusCode, nil
}

// The method value is handed over on one branch only: a leak on the other.
func statusC(c *http.Client, u string, quiet bool) (int, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, err
	}
	if quiet {
		return resp.StatusCode, nil
	}
	defer logErr(resp.Body.Close)
	return resp.StatusCode, nil
}
