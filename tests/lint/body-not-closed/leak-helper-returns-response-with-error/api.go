package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

var errNotFound = errors.New("not found")

type api struct{ hc *http.Client }

// do returns the response with an error of its own on 404 and 401.
func (a *api) do(req *http.Request) (*http.Response, error) {
	resp, err := a.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		return resp, errNotFound
	}
	if resp.StatusCode == http.StatusUnauthorized {
		return resp, fmt.Errorf("unauthorized")
	}
	return resp, nil
}

func (a *api) Read(req *http.Request) ([]byte, error) {
	resp, err := a.do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func (a *api) ReadCareful(req *http.Request) ([]byte, error) {
	resp, err := a.do(req)
	if resp != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// plain returns what Do gave: nil with an error.
func (a *api) plain(req *http.Request) (*http.Response, error) {
	return a.hc.Do(req)
}

func (a *api) ReadPlain(req *http.Request) ([]byte, error) {
	resp, err := a.plain(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// check reads the status only.
func check(resp *http.Response) error {
	if resp.StatusCode >= 400 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

// send hands back the response with check's verdict; fetch passes send's results on.
func (a *api) send(req *http.Request) (*http.Response, error) {
	resp, err := a.hc.Do(req)
	if err != nil {
		return nil, err
	}
	return resp, check(resp)
}

func (a *api) fetch(req *http.Request) (*http.Response, error) {
	return a.send(req)
}

func (a *api) Fetch(req *http.Request) (int64, error) {
	resp, err := a.fetch(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return io.Copy(io.Discard, resp.Body)
}

// wrapped returns the error Do gave, wrapped: nil when Do succeeded.
func (a *api) wrapped(req *http.Request) (*http.Response, error) {
	resp, err := a.hc.Do(req)
	return resp, fmt.Errorf("do: %w", err)
}

func (a *api) ReadWrapped(req *http.Request) ([]byte, error) {
	resp, err := a.wrapped(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// retrying gives up with the context's error while the last attempt's
// error stands: resp is nil then.
func (a *api) retrying(ctx context.Context, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		resp, err = a.plain(req)
		if err != nil {
			select {
			case <-ctx.Done():
				return resp, ctx.Err()
			case <-time.After(time.Second):
			}
			continue
		}
		break
	}
	return resp, err
}

func (a *api) ReadRetrying(ctx context.Context, req *http.Request) ([]byte, error) {
	resp, err := a.retrying(ctx, req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
