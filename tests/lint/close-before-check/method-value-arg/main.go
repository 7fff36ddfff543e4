package archive

import (
	"log"
	"net/http"
	"os"
)

func logClose(what string, closeFn func() error) {
	if err := closeFn(); err != nil {
		log.Printf("closing %s: %v", what, err)
	}
}

// A method value of a nil *os.File is fine to take, and Close is nil-safe.
func Copy(path string) error {
	f, err := os.Open(path)
	defer logClose(path, f.Close)
	if err != nil {
		return err
	}
	return nil
}

// resp.Body is read at the defer: a nil resp panics there.
func Fetch(url string) error {
	resp, err := http.Get(url)
	defer logClose(url, resp.Body.Close)
	if err != nil {
		return err
	}
	return nil
}
