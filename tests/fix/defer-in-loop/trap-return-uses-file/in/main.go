package main

import (
	"fmt"
	"os"
)

// firstWritable returns the open file: an explicit close before that
// return would hand back a closed file, and the return leaves the loop,
// so no fix is offered. (The deferred close also closes it: a bug of its
// own, not this rule's to fix.)
func firstWritable(paths []string) (*os.File, error) {
	for _, p := range paths {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			continue
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			return f, nil
		}
	}
	return nil, os.ErrNotExist
}

func main() {
	fmt.Println(firstWritable(os.Args[1:]))
}
