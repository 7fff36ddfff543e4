package main

import (
	"crypto/tls"
	"encoding/json"
	"net/http"
	"time"
)

type manifest struct {
	Files []string `json:"files"`
}

// Called only from main, in another file: runs once per process.
func fetchManifest(upstream string) (*manifest, error) {
	c := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}},
	}
	resp, err := c.Get(upstream + "/manifest.json")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var m manifest
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		return nil, err
	}
	return &m, nil
}

// Called from the handler serveFile returns, in another file: on every request.
func fetchFile(upstream, name string) (*http.Response, error) {
	c := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}},
	}
	return c.Get(upstream + "/" + name)
}
