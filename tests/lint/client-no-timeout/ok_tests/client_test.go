package client

import (
	"net/http"
	"testing"
)

func TestUp(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1:1/")
	if err == nil {
		resp.Body.Close()
	}
}

func Example() {
	resp, err := http.Get("http://example.com/") //nolint:client-no-timeout // an example
	if err == nil {
		resp.Body.Close()
	}
}
