package main

import (
	"log"
	"net/http"
	"os"
)

// the deferred literal holds a raw string over several lines: the guard
// indents the literal's lines, not the string's.
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
	rawString(os.Args[1])
}
