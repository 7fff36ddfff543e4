package main

import (
	"fmt"
	"net/http"
)

type prober struct {
	client *http.Client
}

func (p *prober) status(url string) (int, error) {
	resp, err := p.client.Get(url) //nolint:errcheck // kept: comments around the edit stay
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func main() {
	p := &prober{client: &http.Client{}}
	fmt.Println(p.status("http://127.0.0.1:1/"))
}
