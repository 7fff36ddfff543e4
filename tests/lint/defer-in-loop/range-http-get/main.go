package fetch

import (
	"io"
	"net/http"
)

// FetchAll downloads every page; each body stays open until FetchAll returns.
func FetchAll(urls []string) ([][]byte, error) {
	var pages [][]byte
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		pages = append(pages, b)
	}
	return pages, nil
}
