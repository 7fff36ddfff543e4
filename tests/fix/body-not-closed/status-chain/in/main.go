package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
)

type release struct {
	Tag string `json:"tag"`
}

// latest asks a release server for its newest tag; the status is checked
// in an else-if of the error check, and the body is never closed.
func latest(c *http.Client, url string) (string, error) {
	r, err := c.Get(url)
	if err != nil {
		return "", fmt.Errorf("asking %s: %w", url, err)
	} else if r.StatusCode != http.StatusOK {
		return "", fmt.Errorf("asking %s: %s", url, r.Status)
	} else if r.ContentLength == 0 {
		return "", nil
	}

	var rel release
	if err := json.NewDecoder(r.Body).Decode(&rel); err != nil {
		return "", err
	}
	return rel.Tag, nil
}

func main() {
	tag, err := latest(http.DefaultClient, "http://127.0.0.1:1/latest")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tag)
}
