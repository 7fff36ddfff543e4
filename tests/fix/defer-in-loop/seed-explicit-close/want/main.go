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

		data, err := io.ReadAll(resp.Body)
		if err != nil {
			resp.Body.Close()
			return nil, fmt.Errorf("read %s: %w (status %d)", url, err, resp.StatusCode)
		}
		results = append(results, string(data))
		resp.Body.Close()
	}
	return results, nil
}

func main() {
	pages, err := fetchAll([]string{"http://127.0.0.1:1/"})
	fmt.Println(len(pages), err)
}
