package main

import (
	"net"
	"net/http"
)

type Agent struct{}

// Exported, but in package main nothing outside calls it: main does, once.
func (a *Agent) Status() error {
	hc := &http.Client{Transport: &http.Transport{
		DialContext: (&net.Dialer{}).DialContext,
	}}
	resp, err := hc.Get("http://agent.local/status")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Called once per host, in a loop: a transport per iteration.
func (a *Agent) Ping(host string) error {
	hc := &http.Client{Transport: &http.Transport{
		DialContext: (&net.Dialer{}).DialContext,
	}}
	resp, err := hc.Get("http://" + host + "/ping")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
