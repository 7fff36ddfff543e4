package blob

import (
	"context"
	"errors"
	"io"
	"net/http"
)

type Store struct {
	hc   *http.Client
	base string
}

// read hands the open body to its caller, with the status code.
func (s *Store) read(ctx context.Context, p string) (io.ReadCloser, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+p, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return nil, 0, err
	}
	return resp.Body, resp.StatusCode, nil
}

// Get leaks the body on a non-200 answer.
func (s *Store) Get(ctx context.Context, p string) ([]byte, error) {
	body, code, err := s.read(ctx, p)
	if err != nil {
		return nil, err
	}
	if code != http.StatusOK {
		return nil, errors.New(http.StatusText(code))
	}
	defer body.Close()
	return io.ReadAll(body)
}

// Exists closes it on every path.
func (s *Store) Exists(ctx context.Context, p string) (bool, error) {
	body, code, err := s.read(ctx, p)
	if err != nil {
		return false, err
	}
	body.Close()
	return code == http.StatusOK, nil
}

// fetch returns the response and its status.
func (s *Store) fetch(ctx context.Context, p string) (*http.Response, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+p, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return nil, 0, err
	}
	return resp, resp.StatusCode, nil
}

func (s *Store) Size(ctx context.Context, p string) (int64, error) {
	resp, code, err := s.fetch(ctx, p)
	if err != nil {
		return 0, err
	}
	if code != http.StatusOK {
		return 0, nil
	}
	defer resp.Body.Close()
	return resp.ContentLength, nil
}
