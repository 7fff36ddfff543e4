package main

import (
	"fmt"
	"net/http"
)

func status(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func main() {
	fmt.Println(status("http://127.0.0.1:1/"))
}
