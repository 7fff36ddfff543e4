package request

import (
	"net/http"
	"time"
)

type Request struct {
	url       string
	transport *http.Transport
	client    *http.Client
}

// The receiver is a copy: the transport filled in here is gone on
// return, so every call builds a new one.
func (r Request) Do() (*http.Response, error) {
	if r.transport == nil {
		r.transport = &http.Transport{IdleConnTimeout: time.Minute}
	}
	c := &http.Client{Transport: r.transport}
	return c.Get(r.url)
}

// The same mistake through a client field.
func (r Request) Send() (*http.Response, error) {
	if r.client == nil {
		r.client = &http.Client{Transport: &http.Transport{}}
	}
	return r.client.Get(r.url)
}

// Fixed: a pointer receiver keeps what it fills in.
func (r *Request) DoShared() (*http.Response, error) {
	if r.transport == nil {
		r.transport = &http.Transport{IdleConnTimeout: time.Minute}
	}
	c := &http.Client{Transport: r.transport}
	return c.Get(r.url)
}

// Fixed: a value receiver that hands the filled-in copy back.
func (r Request) WithDefaults() Request {
	if r.transport == nil {
		r.transport = &http.Transport{}
	}
	return r
}
