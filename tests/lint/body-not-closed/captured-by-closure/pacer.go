package app

import (
	"io"
	"net/http"
)

type pacer struct{ tries int }

func (p *pacer) Call(fn func() (bool, error)) error {
	var err error
	for i := 0; i < p.tries; i++ {
		var again bool
		if again, err = fn(); !again {
			return err
		}
	}
	return err
}

// The closure fills the outer resp; the outer function closes it.
func download(p *pacer, c *http.Client, u string) ([]byte, error) {
	var resp *http.Response
	err := p.Call(func() (bool, error) {
		var err error
		resp, err = c.Get(u)
		return err != nil, err
	})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Same, through the body alone.
func open(p *pacer, c *http.Client, u string) (io.ReadCloser, error) {
	var rc io.ReadCloser
	err := p.Call(func() (bool, error) {
		resp, err := c.Get(u)
		if err != nil {
			return true, err
		}
		rc = resp.Body
		return false, nil
	})
	return rc, err
}

var last *http.Response

// Kept in a package variable: the package owns it.
func remember(c *http.Client, u string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	last = resp
	return nil
}

// A closure that drops its own response still leaks.
func poll(p *pacer, c *http.Client, u string) error {
	return p.Call(func() (bool, error) {
		resp, err := c.Get(u)
		if err != nil {
			return true, err
		}
		return resp.StatusCode != http.StatusOK, nil
	})
}
