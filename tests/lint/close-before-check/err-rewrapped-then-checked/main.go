package client

import (
	"fmt"
	"io"
	"net/http"
)

func annotate(err error, url string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", url, err)
}

// err is replaced by another call that reads it, then checked.
func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	err = annotate(err, url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
