package getter

import (
	"crypto/tls"
	"io"
	"net/http"
)

type Options struct {
	Insecure bool
}

type Getter struct {
	opts   Options
	shared *http.Client
}

// The helper is fine on its own: it hands the client to its caller.
func (g *Getter) client() *http.Client {
	if !g.opts.Insecure {
		return g.shared
	}
	return &http.Client{
		Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
	}
}

// But every Get asks for a new one and drops it.
func (g *Getter) Get(url string) ([]byte, error) {
	resp, err := g.client().Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// A constructor called from a per-call function is the same.
func newProbeClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	return &http.Client{Transport: tr}
}

func Probe(url string) error {
	c := newProbeClient()
	resp, err := c.Head(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Fixed: kept by its only caller.
func newSharedClient() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}

func NewGetter(opts Options) *Getter {
	return &Getter{opts: opts, shared: newSharedClient()}
}
