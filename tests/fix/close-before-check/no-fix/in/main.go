package main

import (
	"log"
	"net/http"
	"os"
)

// The deferred literal holds a block comment over several lines: gofmt
// lays such comments out by rules of its own, so no guard is written
// around it.
func blockComment(url string) {
	resp, err := http.Get(url)
	defer func() {
		/*
		   close the body,
		   whatever happened
		*/
		resp.Body.Close()
	}()
	if err != nil {
		log.Print(err)
	}
}

func main() {
	blockComment(os.Args[1])
}
