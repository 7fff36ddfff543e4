package fetch

import (
	"io"
	"net/http"
)

func FetchAll(urls []string) ([][]byte, error) {
	var pages [][]byte
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		pages = append(pages, b)
	}
	return pages, nil
}
