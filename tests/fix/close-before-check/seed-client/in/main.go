package main

import (
	"io"
	"log"
	"net/http"
	"os"
)

// fetch has the client shape of seed 002: the body is closed before the
// error of Do is looked at (here, not at all).
func fetch(url string) {
	client := &http.Client{}

	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		log.Panicf("error: %s", err)
	}

	req.Header.Set("Connection", "close")
	resp, err := client.Do(req)
	defer resp.Body.Close() // release the connection

	println("file received")
}

// save closes before a check that only logs.
func save(url, path string) {
	resp, err := http.Get(url)
	defer resp.Body.Close()
	if err != nil {
		log.Print(err)
	}
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	io.Copy(f, resp.Body)
}

func main() {
	fetch(os.Args[1])
	save(os.Args[1], os.Args[2])
}
