package d

import "net/http"

// A directive for another linter does not silence plumber.
func Codes(urls []string) []int {
	var codes []int
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close() //nolint:errcheck,bodyclose
		codes = append(codes, resp.StatusCode)
	}
	return codes
}

//nolint:gocritic
func Codes2(urls []string) []int {
	var codes []int
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close()
		codes = append(codes, resp.StatusCode)
	}
	return codes
}
