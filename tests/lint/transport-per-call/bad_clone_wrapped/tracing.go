package tracing

import (
	"context"
	"io"
	"net/http"
	"time"
)

// instrument stands for any RoundTripper wrapper (otelhttp.NewTransport and the like).
func instrument(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return next.RoundTrip(r)
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

type Fetcher struct{ base string }

// Each call clones the default transport and wraps it: its connections
// stay in a pool nobody uses again.
func (f *Fetcher) Get(ctx context.Context, path string) ([]byte, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 4
	client := &http.Client{Transport: instrument(tr), Timeout: 5 * time.Second}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The same with IdleConnTimeout turned off: forever.
func (f *Fetcher) Head(ctx context.Context, path string) (int, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.IdleConnTimeout = 0
	client := http.Client{Transport: instrument(tr)}
	resp, err := client.Head(f.base + path)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Fixed: the wrapped clone is made once, in the constructor, and kept.
type Shared struct{ client *http.Client }

func NewShared() *Shared {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	return &Shared{client: &http.Client{Transport: instrument(tr)}}
}

// Fixed: closed when done.
func (f *Fetcher) Once(ctx context.Context, path string) error {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: instrument(tr)}
	resp, err := client.Get(f.base + path)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
