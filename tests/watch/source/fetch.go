package main

import "net/http"

// fetchStatus asks url how it is and forgets the body: the connection,
// its two goroutines and the unread bytes stay behind.
func fetchStatus(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
