package voip

import (
	"example.org/sip"
)

// A SIP transaction: Do returns a *sip.Response with a StatusCode, no body.
func register(c *sip.Client, req *sip.Request) bool {
	res, err := c.Do(req)
	if err != nil {
		return false
	}
	return res.StatusCode == 200
}

// No type written for the receiver: .StatusCode alone is not evidence of an HTTP response.
func invite(conn interface{ Do(*sip.Request) (*sip.Response, error) }, req *sip.Request) bool {
	res, err := conn.Do(req)
	return err == nil && res.StatusCode < 300
}
