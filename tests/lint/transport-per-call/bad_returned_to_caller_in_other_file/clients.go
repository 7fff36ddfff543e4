package relay

import (
	"crypto/tls"
	"net/http"
	"time"
)

// A fresh client per call: its callers decide whether that leaks.
func upstreamClient(insecure bool) *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig: &tls.Config{InsecureSkipVerify: insecure},
		},
	}
}

// The same shape, but its only caller keeps the client in the relay.
func sharedClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 16
	return &http.Client{Transport: tr}
}
