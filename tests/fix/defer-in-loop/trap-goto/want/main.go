package main

import (
	"fmt"
	"os"
)

// sizes retries through a goto: neither fix can follow it.
func sizes(paths []string) []int64 {
	var out []int64
	for _, p := range paths {
		tries := 0
	again:
		f, err := os.Open(p)
		if err != nil {
			tries++
			if tries < 3 {
				goto again
			}
			continue
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			goto again
		}
		out = append(out, st.Size())
	}
	return out
}

func main() {
	fmt.Println(sizes(os.Args[1:]))
}
