package main

import (
	"fmt"
	"io"
	"net/http"
)

// metadata reads one value from a metadata service. The body is closed
// by hand after the read, but the else-if of the error check returns
// before that.
func metadata(c *http.Client, key string) (string, error) {
	req, err := http.NewRequest(http.MethodGet, "http://127.0.0.1:1/meta/"+key, nil)
	if err != nil {
		return "", err
	}
	res, err := c.Do(req)
	if err != nil {
		return "", err
	} else if res.StatusCode != http.StatusOK {
		// the service answers 404 for keys it does not know
		return "", fmt.Errorf("%s: %d", key, res.StatusCode)
	}

	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func main() {
	fmt.Println(metadata(http.DefaultClient, "zone"))
}
