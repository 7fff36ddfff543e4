package unknown

import "net/http"

type API struct {
	client *http.Client
}

// Where these clients come from is not visible here.
func (a *API) Get(u string) error {
	resp, err := a.client.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func With(c *http.Client, u string) error {
	req, _ := http.NewRequest("GET", u, nil)
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
