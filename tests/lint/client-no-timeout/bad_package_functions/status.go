package status

import (
	"net/http"
	"net/url"
	"strings"
)

func Up(u string) bool {
	resp, err := http.Get(u)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func Notify(u, msg string) error {
	resp, err := http.Post(u, "text/plain", strings.NewReader(msg))
	if err != nil {
		return err
	}
	resp.Body.Close()
	resp, err = http.PostForm(u, url.Values{"msg": {msg}})
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
