package client

import (
	"net/http"
	"os"
)

// The first err is overwritten before anyone looks at it.
func Touch(url string) error {
	resp, err := http.Get(url)
	_, err = os.Stdout.WriteString("fetched " + url + "\n")
	defer resp.Body.Close()
	return err
}
