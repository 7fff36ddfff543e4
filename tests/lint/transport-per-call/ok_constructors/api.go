package api

import (
	"net/http"
	"time"
)

type API struct {
	client *http.Client
	base   string
}

func NewAPI(base string) *API {
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	return &API{client: c, base: base}
}

func newTransport() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.IdleConnTimeout = 30 * time.Second
	return t
}

// Not named New..., but hands the client to its caller.
func buildClient() (*http.Client, error) {
	return &http.Client{Transport: &http.Transport{}}, nil
}

// Stores the client in the receiver.
func (a *API) Reset() {
	a.client = &http.Client{Transport: &http.Transport{}}
}

func (a *API) Ping() error {
	resp, err := a.client.Get(a.base + "/ping")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
