package bg

import (
	"context"
	"net/http"
)

func Call(u string) error {
	c := &http.Client{Transport: http.DefaultTransport}
	req, err := http.NewRequestWithContext(context.Background(), "GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func CallTODO(u string) error {
	c := http.Client{}
	ctx := context.TODO()
	req, _ := http.NewRequest("GET", u, nil)
	req = req.WithContext(ctx)
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
