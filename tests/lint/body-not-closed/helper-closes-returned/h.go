package app

import (
	"encoding/json"
	"io"
	"net/http"
)

// getJSON decodes the body, closes it, and returns the response for its headers.
func getJSON(c *http.Client, u string, v interface{}) (*http.Response, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return resp, json.NewDecoder(resp.Body).Decode(v)
}

func etag(c *http.Client, u string) (string, error) {
	var v map[string]string
	resp, err := getJSON(c, u, &v)
	if err != nil {
		return "", err
	}
	return resp.Header.Get("ETag"), nil
}

// open returns the response with its body open: the caller must close it.
func open(c *http.Client, u string) (*http.Response, error) {
	return c.Get(u)
}

func size(c *http.Client, u string) (int64, error) {
	resp, err := open(c, u)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, nil
	}
	defer resp.Body.Close()
	return io.Copy(io.Discard, resp.Body)
}

// doChecked closes the body only when it fails: on success the caller owns it.
func doChecked(c *http.Client, req *http.Request) (resp *http.Response, err error) {
	resp, err = c.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			resp.Body.Close()
		}
	}()
	if resp.StatusCode >= 400 {
		return nil, http.ErrNotSupported
	}
	return resp, nil
}

func push(c *http.Client, req *http.Request) {
	go func() {
		resp, err := doChecked(c, req)
		if err != nil {
			return
		}
		if resp.StatusCode != http.StatusCreated {
			return
		}
		resp.Body.Close()
	}()
}
