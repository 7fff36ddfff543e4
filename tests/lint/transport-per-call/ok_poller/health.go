package health

import (
	"context"
	"net/http"
	"time"
)

type checker struct{ url string }

// One client for the poller's whole life: the loop runs until ctx ends.
func (c *checker) watch(ctx context.Context) {
	client := &http.Client{Transport: &http.Transport{IdleConnTimeout: 90 * time.Second}}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if resp, err := client.Get(c.url); err == nil {
				resp.Body.Close()
			}
		case <-ctx.Done():
			return
		}
	}
}

// The same over a range of ticks.
func (c *checker) watchTicks(t *time.Ticker) {
	client := &http.Client{Transport: &http.Transport{}}
	for range t.C {
		if resp, err := client.Get(c.url); err == nil {
			resp.Body.Close()
		}
	}
}

// Still a leak: a retry loop inside a call that runs per request.
func (c *checker) Probe() error {
	client := &http.Client{Transport: &http.Transport{}}
	var err error
	for i := 0; i < 3; i++ {
		var resp *http.Response
		if resp, err = client.Get(c.url); err == nil {
			return resp.Body.Close()
		}
	}
	return err
}

// Still a leak: made inside the poll loop, one per tick.
func (c *checker) pollEach(ctx context.Context) {
	tick := time.NewTicker(time.Second)
	for {
		select {
		case <-tick.C:
			client := &http.Client{Transport: &http.Transport{}}
			if resp, err := client.Get(c.url); err == nil {
				resp.Body.Close()
			}
		case <-ctx.Done():
			return
		}
	}
}
