// Package reqcheck serves a greeting.
package reqcheck

import (
	"io"
	"net/http"
)

// Hello greets.
func Hello(w http.ResponseWriter, _ *http.Request) {
	io.WriteString(w, "hello")
}
