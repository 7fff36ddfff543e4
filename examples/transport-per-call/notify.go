// Package notify posts events to a webhook.
package notify

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

type Event struct {
	Kind string `json:"kind"`
	Body string `json:"body"`
}

// Send builds a new Transport, and with it a new connection pool, for every
// event. The response body is closed, so the request itself is fine, but
// the pool's idle keep-alive connection is never closed or reused.
func Send(url string, ev Event, insecure bool) error {
	payload, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	tr := &http.Transport{
		TLSClientConfig:     &tls.Config{InsecureSkipVerify: insecure},
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     0, // idle connections are kept forever
	}
	c := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	resp, err := c.Post(url, "application/json", bytes.NewReader(payload))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook: %s", resp.Status)
	}
	return nil
}
