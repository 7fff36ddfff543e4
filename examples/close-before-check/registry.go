// Package registry is a tiny client for a JSON package registry.
package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

type Client struct {
	BaseURL string
	HTTP    *http.Client
	Token   string
}

type Package struct {
	Name     string   `json:"name"`
	Versions []string `json:"versions"`
}

func (c *Client) do(ctx context.Context, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	return c.HTTP.Do(req)
}

// Lookup works as long as the registry answers. When it does not (refused
// connection, DNS failure, the context's deadline), resp is nil and the
// deferred Close panics.
func (c *Client) Lookup(ctx context.Context, name string) (*Package, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := c.do(ctx, "/packages/"+name)
	start := time.Now()
	defer resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("lookup %s after %v: %w", name, time.Since(start), err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("lookup %s: %s", name, resp.Status)
	}
	var p Package
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		return nil, err
	}
	return &p, nil
}

// Ping has the same bug with a deferred function literal.
func (c *Client) Ping(ctx context.Context) error {
	resp, err := c.do(ctx, "/ping")
	defer func() {
		_ = resp.Body.Close()
	}()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("ping: %s", resp.Status)
	}
	return nil
}
