package batch

import (
	"net/http"
)

// The defer sits in a loop of the function literal: the literal holds
// every body until it returns.
var Run = func(urls []string) int {
	n := 0
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close()
		n++
	}
	return n
}
