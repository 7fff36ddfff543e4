package svc

import (
	"net/http"
	"reflect"
)

// withoutBody copies a response; it makes no request, so its result owns nothing.
func withoutBody(r *http.Response) *http.Response {
	c := *r
	c.Body = nil
	return &c
}

func same(a, b *http.Response) bool {
	x := withoutBody(a)
	y := withoutBody(b)
	return reflect.DeepEqual(x.Header, y.Header) && x.StatusCode == y.StatusCode
}
