package main

import (
	"log"
	"net/http"
	"os"
)

func warm(url string) error { return nil }

// err is assigned again before the defer: guarding on it would test the
// wrong error, and moving it is no better. No fix.
func reassigned(url string) error {
	resp, err := http.Get(url)
	err = warm(url)
	defer resp.Body.Close()
	if err != nil {
		return err
	}
	return nil
}

// the deferred literal holds a raw string over several lines: indenting it
// for a guard would change the string. No fix.
func rawString(url string) {
	resp, err := http.Get(url)
	defer func() {
		resp.Body.Close()
		log.Print(`closed
the body`)
	}()
	if err != nil {
		log.Print(err)
	}
}

func main() {
	log.Print(reassigned(os.Args[1]))
	rawString(os.Args[1])
}
