package main

import (
	"fmt"
	"net/http"
)

// A defer here would hold every body until the loop ends: no automatic fix.
func statuses(urls []string) []int {
	var out []int
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		out = append(out, resp.StatusCode)
	}
	return out
}

func main() {
	fmt.Println(statuses([]string{"http://127.0.0.1:1/"}))
}
