package main

import (
	"compress/gzip"
	"fmt"
	"os"
)

// compressAll defers two closes per file, and the writer must be closed
// before the file it writes to. An explicit f.Close() at the end would
// run before the deferred w.Close(): the body moves into a function
// literal instead, where both defers keep their order.
func compressAll(names []string) {
	for _, name := range names {
		f, err := os.Create(name + ".gz")
		if err != nil {
			fmt.Println(err)
			continue
		}
		defer f.Close()
		w := gzip.NewWriter(f)
		defer w.Close()

		if _, err := w.Write([]byte(name)); err != nil {
			fmt.Println(err)
		}
	}
}

// compressEach returns from inside the loop, so its body cannot move into
// a function literal: the writer's close is made explicit first, then, on
// the next round, the file's, after it.
func compressEach(names []string) error {
	for _, name := range names {
		f, err := os.Create(name + ".gz")
		if err != nil {
			return err
		}
		defer f.Close()
		w := gzip.NewWriter(f)
		defer w.Close()

		if _, err := w.Write([]byte(name)); err != nil {
			fmt.Println(err)
		}
	}
	return nil
}

func main() {
	compressAll(nil)
	fmt.Println(compressEach(nil))
}
