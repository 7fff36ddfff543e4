package proxy

import (
	"crypto/tls"
	"net/http"
)

type Forwarder struct {
	Insecure bool
}

// Forward clones the default transport per request to tweak TLS.
func (f *Forwarder) Forward(req *http.Request) (*http.Response, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: f.Insecure}
	c := http.Client{}
	c.Transport = tr
	return c.Do(req)
}
