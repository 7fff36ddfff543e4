package tool

import (
	"bytes"
	"io"
	"net/http"
	"os"
)

// A writer that is not an http.ResponseWriter.
func Cat(w io.Writer, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Uploads a file: the buffer goes to a request, not to a response.
func Upload(c *http.Client, url, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var body bytes.Buffer
	body.Write(data)
	resp, err := c.Post(url, "application/octet-stream", &body)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A handler whose writer name is shadowed by an inner function's parameter.
func Handler(w http.ResponseWriter, r *http.Request) {
	save := func(w io.Writer) {
		data, _ := os.ReadFile("/tmp/state")
		w.Write(data)
	}
	save(os.Stdout)
	w.WriteHeader(http.StatusNoContent)
}
