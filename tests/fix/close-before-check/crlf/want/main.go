package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

// fetch is written with CRLF line endings: the fix keeps them.
func fetch(url string) (int64, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	// close it
	defer resp.Body.Close()
	return resp.ContentLength, nil
}

func peek(url string) {
	resp, err := http.Head(url)
	if err == nil {
		defer resp.Body.Close()
	}
	if err != nil {
		log.Print(err)
	}
}

func main() {
	fmt.Println(fetch(os.Args[1]))
	peek(os.Args[1])
}
