package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Tests call it many times; that says nothing of how often the program does.
func TestFetchManifest(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"files":["a"]}`))
	}))
	defer srv.Close()
	for i := 0; i < 3; i++ {
		if _, err := fetchManifest(srv.URL); err != nil {
			t.Fatal(err)
		}
	}
}
