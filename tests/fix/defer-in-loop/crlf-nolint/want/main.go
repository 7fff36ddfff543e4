package main

import (
	"fmt"
	"net/http"
	"sync"
)

// statuses closes each body only when statuses returns; the directive
// on the defer goes with the explicit call. The file's CRLF line endings
// are kept.
func statuses(urls []string) []int {
	var out []int
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close() //nolint:errcheck
			continue
		}
		out = append(out, resp.StatusCode)
		resp.Body.Close() //nolint:errcheck
	}
	return out
}

var mu sync.Mutex

// tally locks per iteration; the body moves into a function literal.
func tally(m map[string]int, keys []string) {
	for _, k := range keys {
		func() {
			mu.Lock()
			defer mu.Unlock()
			m[k]++
		}()
	}
}

func main() {
	m := map[string]int{}
	tally(m, []string{"a"})
	fmt.Println(statuses([]string{"http://127.0.0.1:1/"}), m)
}
