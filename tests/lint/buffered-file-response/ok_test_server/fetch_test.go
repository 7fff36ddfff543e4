package fetch

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

// A test server serving its fixture to the test's one client.
func TestGet(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := os.ReadFile("testdata/answer.json")
		if err != nil {
			t.Error(err)
		}
		w.Write(data)
	}))
	defer srv.Close()
	if _, err := Get(srv.Client(), srv.URL); err != nil {
		t.Fatal(err)
	}
}
