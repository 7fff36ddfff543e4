package mirror

import (
	"errors"
	"net/http"
)

var errAuth = errors.New("auth")

func head(c *http.Client, u string) (*http.Response, error) { return c.Head(u) }

func fromCache(u string) *http.Response { return nil }

// The defer uses the inner resp, declared in the block: either the cache's
// (not nil) or Post's, checked. The outer resp, whose error is only tested
// for one value, is another variable.
func Push(c *http.Client, u string, cached bool) error {
	resp, err := head(c, u)
	if err != nil {
		if !errors.Is(err, errAuth) {
			return err
		}
	} else {
		resp.Body.Close()
	}
	{
		var resp *http.Response
		if cached {
			resp = fromCache(u)
		}
		if resp == nil {
			resp, err = c.Post(u, "application/octet-stream", nil)
			if err != nil {
				return err
			}
		}
		defer resp.Body.Close()
	}
	return nil
}

// Here the defer uses the outer resp on the path where err was only tested
// for one value.
func Probe(c *http.Client, u string) error {
	resp, err := head(c, u)
	if errors.Is(err, errAuth) {
		return err
	}
	defer resp.Body.Close()
	return nil
}
