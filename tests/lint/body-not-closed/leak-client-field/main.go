package svc

import "net/http"

type api struct{ client *http.Client }

func (a *api) exists(req *http.Request) (bool, error) {
	resp, err := a.client.Do(req)
	if err != nil {
		return false, err
	}
	if resp.StatusCode == http.StatusNotFound {
		return false, nil
	}
	return true, resp.Body.Close()
}
