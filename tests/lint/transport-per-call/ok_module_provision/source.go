package certsource

import (
	"crypto/tls"
	"io"
	"net/http"
)

type Context struct{}

type Source struct {
	URL      string
	Insecure bool
	pem      []byte
}

// A module's Provision runs once per configuration loaded.
func (s *Source) Provision(ctx Context) error {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: s.Insecure}
	c := &http.Client{Transport: tr}
	resp, err := c.Get(s.URL)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	s.pem, err = io.ReadAll(resp.Body)
	return err
}

// A handler runs per request.
func (s *Source) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: s.Insecure}
	c := &http.Client{Transport: tr}
	resp, err := c.Get(s.URL)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}
