package main

import (
	"fmt"
	"os"
)

func main() {
	var c Agent
	if err := c.Status(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, host := range os.Args[1:] {
		if err := c.Ping(host); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
}
