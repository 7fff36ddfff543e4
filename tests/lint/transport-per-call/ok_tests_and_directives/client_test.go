package client

import (
	"net/http"
	"testing"
)

// A test runs once: a transport it makes is not a per-call leak.
func TestFetch(t *testing.T) {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	if _, err := c.Get("http://127.0.0.1:1/"); err == nil {
		t.Fatal("expected an error")
	}
}

func probe(url string) error {
	c := &http.Client{Transport: &http.Transport{}} //nolint:transport-per-call // called once at startup
	_, err := c.Get(url)
	return err
}

//plumber:ignore transport-per-call
func probeAgain(url string) error {
	c := &http.Client{Transport: &http.Transport{}}
	_, err := c.Get(url)
	return err
}
