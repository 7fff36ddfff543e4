package http

import (
	"net/http"
	"testing"
)

func TestLookupStatus(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1:1/items")
	if err != nil {
		t.Skip(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatal(resp.Status)
	}
}
