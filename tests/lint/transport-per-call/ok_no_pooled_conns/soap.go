package soap

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"strings"
)

// The request asks for the connection to be closed: nothing is pooled.
func Call(ctx context.Context, url, body string, local net.Addr) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Connection", "Close")
	d := net.Dialer{LocalAddr: local}
	c := &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
	return c.Do(req)
}

func Notify(url string) error {
	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Close = true
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The transport only hands over a connection made (and closed) here.
func Latency(ctx context.Context, addr string) error {
	conn, err := tls.Dial("tcp", addr, &tls.Config{})
	if err != nil {
		return err
	}
	defer conn.Close()
	connc := make(chan net.Conn, 1)
	connc <- conn
	tr := &http.Transport{
		DialTLSContext: func(ctx context.Context, network, a string) (net.Conn, error) {
			select {
			case c := <-connc:
				return c, nil
			default:
				return nil, errors.New("one connection only")
			}
		},
	}
	hc := &http.Client{Transport: tr}
	resp, err := hc.Get("https://" + addr + "/ping")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Still a leak: its dial function makes new connections.
func Dialed(ctx context.Context, addr string) error {
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, a)
		},
	}
	hc := &http.Client{Transport: tr}
	resp, err := hc.Get("http://" + addr + "/ping")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
