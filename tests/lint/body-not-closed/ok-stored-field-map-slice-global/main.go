package svc

import "net/http"

type cache struct {
	last  *http.Response
	byURL map[string]*http.Response
	all   []*http.Response
}

var lastGlobal *http.Response

func (c *cache) field(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	c.last = resp
	return nil
}

func (c *cache) mapped(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	c.byURL[u] = resp
	return nil
}

func (c *cache) appended(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	c.all = append(c.all, resp)
	return nil
}

func global(u string) {
	resp, err := http.Get(u)
	if err == nil {
		lastGlobal = resp
	}
}
