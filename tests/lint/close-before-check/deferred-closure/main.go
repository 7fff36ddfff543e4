package client

import (
	"encoding/json"
	"log"
	"net/http"
)

func Decode(url string, v interface{}) error {
	resp, err := http.Get(url)
	defer func() {
		if cerr := resp.Body.Close(); cerr != nil {
			log.Print(cerr)
		}
	}()
	if err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
