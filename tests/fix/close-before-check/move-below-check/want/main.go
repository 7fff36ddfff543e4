package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

// latest reads a tag; the defer comes before the check that returns.
func latest(c *http.Client, repo string) (string, error) {
	resp, err := c.Get("https://registry.example/v2/" + repo + "/tags")
	if err != nil {
		return "", fmt.Errorf("tags of %s: %w", repo, err)
	}
	// the body must be closed on every path
	defer resp.Body.Close() // keeps the connection reusable
	var tags struct{ Latest string }
	err = json.NewDecoder(resp.Body).Decode(&tags)
	return tags.Latest, err
}

// status has a statement between the defer and the check, and blank lines around the defer.
func status(url string) int {
	start := time.Now()
	resp, err := http.Head(url)

	elapsed := time.Since(start)
	if nil != err {
		log.Fatalf("head %s after %v: %v", url, elapsed, err)
	}
	defer resp.Body.Close()
	return resp.StatusCode
}

// count defers a function literal before the check.
func count(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer func() {
		resp.Body.Close()
	}()
	return int(resp.ContentLength), nil
}

func main() {
	tag, err := latest(http.DefaultClient, os.Args[1])
	fmt.Println(tag, err, status(os.Args[2]))
	fmt.Println(count(os.Args[2]))
}
