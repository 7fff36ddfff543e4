package store

import "net/http"

// Syncer talks HTTP through its own client field.
type Syncer struct {
	client *http.Client
	base   string
}

// Ping leaks: the body is never closed (kept next to the silent cases).
func (s *Syncer) Ping() (int, error) {
	resp, err := s.client.Get(s.base + "/ping")
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
