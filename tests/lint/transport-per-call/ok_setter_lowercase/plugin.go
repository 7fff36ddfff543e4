package plugin

import (
	"net/http"
	"time"
)

type api struct{ hc *http.Client }

func (a *api) setHTTPClient(c *http.Client) { a.hc = c }
func (a *api) client() *http.Client        { return a.hc }

type Poller struct {
	Timeout time.Duration
	api     api
}

// The client is made on the first Gather and kept through a setter.
func (p *Poller) Gather() error {
	if p.api.client() == nil {
		tr := &http.Transport{ResponseHeaderTimeout: p.Timeout}
		p.api.setHTTPClient(&http.Client{Transport: tr, Timeout: p.Timeout})
	}
	resp, err := p.api.client().Get("http://localhost/stats")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Still a leak: every Collect makes one and only uses it.
func (p *Poller) Collect() error {
	tr := &http.Transport{ResponseHeaderTimeout: p.Timeout}
	c := &http.Client{Transport: tr, Timeout: p.Timeout}
	resp, err := c.Get("http://localhost/stats")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
