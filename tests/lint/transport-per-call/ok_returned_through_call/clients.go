package clients

import (
	"net"
	"net/http"
	"time"
)

type Config struct {
	Timeout time.Duration
	Wrap    func(http.RoundTripper) http.RoundTripper
}

// Returned through a conversion to the interface.
func buildHTTPClient(cfg Config) (*http.Client, error) {
	transport := http.RoundTripper(&http.Transport{
		DialContext:     (&net.Dialer{Timeout: cfg.Timeout}).DialContext,
		IdleConnTimeout: time.Minute,
	})
	if cfg.Wrap != nil {
		transport = cfg.Wrap(transport)
	}
	return &http.Client{Transport: transport, Timeout: cfg.Timeout}, nil
}

// Returned through a helper that finishes the client.
func socketClient(path string) *http.Client {
	c := &http.Client{
		Transport: &http.Transport{
			DialContext: nil,
		},
	}
	return finish(c)
}

func finish(c *http.Client) *http.Client {
	c.Timeout = 30 * time.Second
	return c
}

// Handed to an SDK through an option, and the SDK client returned.
type Service struct{ hc *http.Client }
type Option func(*Service)

func WithHTTPClient(c *http.Client) Option { return func(s *Service) { s.hc = c } }
func NewService(opts ...Option) *Service {
	s := &Service{}
	for _, o := range opts {
		o(s)
	}
	return s
}

func buildService() *Service {
	hc := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
	return NewService(WithHTTPClient(hc))
}

// Stored in the caller's config through a setter-like helper result.
type RestConfig struct{ Transport http.RoundTripper }

func wrapTransport(rt http.RoundTripper) (http.RoundTripper, error) { return rt, nil }

func ApplyDefaults(cfg *RestConfig) error {
	t := &http.Transport{MaxIdleConnsPerHost: 50}
	wrapped, err := wrapTransport(t)
	if err != nil {
		return err
	}
	cfg.Transport = wrapped
	return nil
}

// Still a leak: passed to a helper whose result is a response, not a carrier.
func fetchStatus(url string) (int, error) {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := doGet(c, url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func doGet(c *http.Client, url string) (*http.Response, error) { return c.Get(url) }
