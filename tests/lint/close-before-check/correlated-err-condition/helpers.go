package cases

import (
	"net/http"
	"testing"
)

type tc struct {
	url     string
	wantErr bool
}

// err is judged by (err != nil) != c.wantErr, then the error cases return:
// the defer runs only when err is nil.
func Run(t *testing.T, c tc) {
	resp, err := http.Get(c.url)
	if (err != nil) != c.wantErr {
		t.Fatalf("err = %v, want error: %v", err, c.wantErr)
	}
	if c.wantErr {
		return
	}
	defer resp.Body.Close()
}

// Only logged: the defer runs on a nil resp when Get fails.
func RunLogged(t *testing.T, c tc) {
	resp, err := http.Get(c.url)
	if c.wantErr {
		t.Logf("error expected: %v", err)
	}
	defer resp.Body.Close()
}
