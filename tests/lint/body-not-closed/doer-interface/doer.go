package app

import (
	"net/http"
)

// Doer is the usual seam for tests: its Do is an HTTP round trip.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

type API struct {
	http Doer
}

// Leaks when the status is not OK.
func (a *API) Fetch(req *http.Request) ([]byte, error) {
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil
	}
	defer resp.Body.Close()
	return nil, nil
}

// Embedding the client promotes its Do.
type wrapped struct {
	*http.Client
	name string
}

func (w *wrapped) ping(req *http.Request) int {
	resp, err := w.Do(req)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
