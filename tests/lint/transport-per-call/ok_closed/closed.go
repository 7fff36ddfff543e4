package closed

import "net/http"

func Deferred(url string) error {
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func DeferredOnClient(url string) error {
	c := &http.Client{Transport: &http.Transport{}}
	defer c.CloseIdleConnections()
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func EveryPath(url string) (int, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		tr.CloseIdleConnections()
		return 0, err
	}
	resp.Body.Close()
	tr.CloseIdleConnections()
	return resp.StatusCode, nil
}

func DeferredLiteral(url string) error {
	c := &http.Client{Transport: &http.Transport{}}
	defer func() {
		c.CloseIdleConnections()
	}()
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
