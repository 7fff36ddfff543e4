package main

import (
	"fmt"
	"os"
)

func makeDir(name string) (string, func(), error) {
	dir, err := os.MkdirTemp("", name)
	if err != nil {
		return "", nil, err
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// prepare creates one directory per job and removes them all when it
// returns. What a cleanup function undoes may still be needed after the
// iteration (here: by the jobs started from those directories), so no fix
// is offered.
func prepare(jobs []string) (int, error) {
	n := 0
	for _, j := range jobs {
		dir, cleanup, err := makeDir(j)
		if err != nil {
			return n, err
		}
		defer cleanup()
		fmt.Println("prepared", dir)
		n++
	}
	return n, nil
}

func main() {
	fmt.Println(prepare([]string{"a"}))
}
