// net/http's external tests are its users: checked like any other code.
package http_test

import (
	"net/http"
	"testing"
)

func TestStatus(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1:1/")
	if err != nil {
		t.Skip(err)
	}
	if resp.StatusCode != 200 {
		t.Fatal(resp.StatusCode)
	}
}
