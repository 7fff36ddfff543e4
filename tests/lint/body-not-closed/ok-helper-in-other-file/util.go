package svc

import (
	"io"
	"net/http"
)

type closer interface{ Close() error }

// closeQuietly closes what it is given.
func closeQuietly(c closer) { _ = c.Close() }

// drainAndClose passes the body on to closeQuietly: closes it too.
func drainAndClose(r *http.Response) {
	io.Copy(io.Discard, r.Body)
	closeQuietly(r.Body)
}
