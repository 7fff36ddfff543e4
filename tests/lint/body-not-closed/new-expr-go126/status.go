// Go 1.26 lets new take an expression: new(int64(500)) is a *int64 set to
// 500. The pinned grammar knows only new(Type); plumber reads these as
// calls, so the code around them is linted whole.
package status

import (
	"net/http"
	"time"
)

type Report struct {
	Code    *int64
	Timeout *time.Duration
	URL     *string
}

// Probe leaks the body when the status is not 200.
func Probe(c *http.Client, url string) *Report {
	r := &Report{Code: new(int64(http.StatusInternalServerError)), Timeout: new(5 * time.Second)}
	resp, err := c.Get(url)
	if err != nil {
		return r
	}
	r.Code = new(int64(resp.StatusCode))
	if resp.StatusCode != http.StatusOK {
		return r
	}
	defer resp.Body.Close()
	r.URL = new(resp.Request.URL.String())
	return r
}

// Check closes the body on every path.
func Check(c *http.Client, url string) *int64 {
	resp, err := c.Get(url)
	if err != nil {
		return new(int64(0))
	}
	defer resp.Body.Close()
	return new(int64(resp.StatusCode))
}
