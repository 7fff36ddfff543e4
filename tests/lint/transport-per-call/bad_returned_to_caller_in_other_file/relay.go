package relay

import (
	"io"
	"net/http"
)

type Relay struct {
	target   string
	insecure bool
	client   *http.Client
}

func New(target string, insecure bool) *Relay {
	return &Relay{target: target, insecure: insecure, client: sharedClient()}
}

// Per request, a client made for it and dropped.
func (rl *Relay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := upstreamClient(rl.insecure)
	resp, err := c.Get(rl.target + r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

// Per request too, but through the client made once.
func (rl *Relay) Forward(w http.ResponseWriter, r *http.Request) {
	resp, err := rl.client.Get(rl.target + r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}
