package d

import "net/http"

func Codes(urls []string) []int {
	var codes []int
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close() //nolint:plumber
		codes = append(codes, resp.StatusCode)
	}
	return codes
}
