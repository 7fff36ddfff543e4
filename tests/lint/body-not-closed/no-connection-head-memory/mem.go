package app

import (
	"bufio"
	"bytes"
	"net/http"
	"net/http/httptest"
)

// Decoding a stored response: its body reads from memory.
func decode(raw []byte) (int, error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func recorded(h http.Handler, req *http.Request) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	return res.StatusCode
}

// HEAD responses carry http.NoBody.
func exists(c *http.Client, u string) bool {
	resp, err := c.Head(u)
	return err == nil && resp.StatusCode == http.StatusOK
}

func existsReq(c *http.Client, u string) bool {
	req, err := http.NewRequest(http.MethodHead, u, nil)
	if err != nil {
		return false
	}
	resp, err := c.Do(req)
	return err == nil && resp.StatusCode == http.StatusOK
}

// A GET is not a HEAD: this one leaks.
func fetch(c *http.Client, u string) bool {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return false
	}
	resp, err := c.Do(req)
	return err == nil && resp.StatusCode == http.StatusOK
}
