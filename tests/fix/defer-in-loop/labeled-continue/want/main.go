package main

import (
	"fmt"
	"net/http"
)

// healthy keeps the hosts whose every path answers 200. The labeled
// continue leaves both loops: the body is closed before it too.
func healthy(hosts map[string][]string) []string {
	var ok []string
hosts:
	for host, paths := range hosts {
		for _, p := range paths {
			resp, err := http.Get("http://" + host + p)
			if err != nil {
				continue hosts
			}
			switch resp.StatusCode {
			case http.StatusOK:
			case http.StatusNotModified:
				break
			default:
				resp.Body.Close()
				continue hosts
			}
			resp.Body.Close()
		}
		ok = append(ok, host)
	}
	return ok
}

func main() {
	fmt.Println(healthy(map[string][]string{"127.0.0.1:1": {"/"}}))
}
