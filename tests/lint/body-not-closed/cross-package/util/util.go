package util

import (
	"log"
	"net/http"

	"example.com/app/util/inner"
)

var last *http.Response

// CloseBody closes the body it is given.
func CloseBody(r *http.Response) { r.Body.Close() }

// Drain closes through another package of the module.
func Drain(r *http.Response) { inner.Discard(r.Body) }

// LogStatus only reads the response.
func LogStatus(r *http.Response) { log.Println(r.Status) }

// Keep holds on to the response: the caller no longer owns it.
func Keep(r *http.Response) { last = r }

// Fetch returns a fresh response: its caller must close the body.
func Fetch(u string) (*http.Response, error) { return http.Get(u) }
