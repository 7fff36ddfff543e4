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

func do(c *http.Client, method, u string) (*http.Response, error) {
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

// The method is the helper's argument: HEAD holds nothing, GET leaks.
func probe(c *http.Client, u string) error {
	_, err := do(c, "HEAD", u)
	if err != nil {
		return err
	}
	_, err = do(c, http.MethodGet, u)
	return err
}
