package svc

import (
	"io"
	"net/http"
)

// Two blocks each declare their own res; closing the second does not
// close the first.
func twoProbes(c *http.Client, a, b string) error {
	{
		res, err := c.Get(a)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
	}
	{
		res, err := c.Get(b)
		if err != nil {
			return err
		}
		defer res.Body.Close()
	}
	return nil
}
