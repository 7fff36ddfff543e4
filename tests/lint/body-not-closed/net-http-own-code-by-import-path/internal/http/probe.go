// Package http of import path internal/http: named like net/http, but
// another package, checked like any other.
package http

import "net/http"

func probe(url string) bool {
	resp, err := http.Get(url)
	if err != nil {
		return false
	}
	return resp.StatusCode == http.StatusOK
}
