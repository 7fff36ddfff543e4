package svc

import "net/http"

type Conn struct{}

// A dial returns the upgrade response, whose body must stay open.
func dial(u string) (*Conn, *http.Response, error) { return &Conn{}, nil, nil }

func connect(u string) (*Conn, error) {
	c, resp, err := dial(u)
	if err != nil {
		return nil, err
	}
	_ = resp.StatusCode
	return c, nil
}
