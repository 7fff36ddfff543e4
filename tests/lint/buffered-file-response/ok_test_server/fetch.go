package fetch

import (
	"io"
	"net/http"
	"os"
)

// Get returns the body at url.
func Get(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The production handler: reported.
func Manifest(w http.ResponseWriter, r *http.Request) {
	data, err := os.ReadFile("/srv/manifest.json")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(data)
}
