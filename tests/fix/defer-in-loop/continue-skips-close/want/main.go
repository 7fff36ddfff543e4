package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// copyAll closes each file at the end of the iteration, but the continue
// skips that close and leaves the deferred one pending: the fix closes
// before the continue, where nothing did.
func copyAll(dst io.Writer, paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".skip") {
			f.Close()
			continue
		}
		if _, err := io.Copy(dst, f); err != nil {
			f.Close()
			return err
		}
		f.Close()
	}
	return nil
}

func main() {
	fmt.Println(copyAll(os.Stdout, os.Args[1:]))
}
