package main

import (
	"fmt"
	"io"
	"net/http"
)

// fetchAll keeps every response body open until it returns: the deferred
// closes pile up, one per URL.
func fetchAll(urls []string) ([]string, error) {
	var results []string
	for _, url := range urls {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()

		data, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w (status %d)", url, err, resp.StatusCode)
		}
		results = append(results, string(data))
	}
	return results, nil
}

func main() {
	pages, err := fetchAll([]string{"http://127.0.0.1:1/"})
	fmt.Println(len(pages), err)
}
