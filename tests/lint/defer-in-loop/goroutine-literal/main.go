package fan

import (
	"net/http"
	"sync"
)

func Fetch(urls []string) []int {
	codes := make([]int, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func(i int, u string) {
			defer wg.Done()
			resp, err := http.Get(u)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			codes[i] = resp.StatusCode
		}(i, u)
	}
	wg.Wait()
	return codes
}
