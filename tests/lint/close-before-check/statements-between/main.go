package client

import (
	"io"
	"log"
	"net/http"
	"time"
)

func Fetch(c *http.Client, req *http.Request) ([]byte, error) {
	start := time.Now()
	resp, err := c.Do(req)
	elapsed := time.Since(start)
	log.Printf("%s %s took %v", req.Method, req.URL, elapsed)
	defer resp.Body.Close()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
