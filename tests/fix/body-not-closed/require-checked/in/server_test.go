package reqcheck

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/reqcheck/require"
)

func TestHello(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(Hello))
	defer srv.Close()

	res, err := http.Get(srv.URL)
	require.NoError(t, err, "GET /")

	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	if string(b) != "hello" {
		t.Fatalf("got %q", b)
	}
}

func TestHelloDropped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(Hello))
	defer srv.Close()

	_, err := http.Get(srv.URL)
	require.NoError(t, err)
}
