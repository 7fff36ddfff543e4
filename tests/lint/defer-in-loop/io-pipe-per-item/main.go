package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// relay copies each job's output through an in-memory pipe; the writers
// are closed only when relay returns, so every reader but the last
// blocks for good: one goroutine per job.
func relay(jobs []string) {
	for _, job := range jobs {
		r, w := io.Pipe()
		defer w.Close()
		go func() {
			s := bufio.NewScanner(r)
			for s.Scan() {
				fmt.Println(s.Text())
			}
		}()
		io.Copy(w, strings.NewReader(job))
	}
}

// OS pipes: file descriptors.
func spawn(n int) {
	for i := 0; i < n; i++ {
		r, w, err := os.Pipe()
		if err != nil {
			return
		}
		defer r.Close()
		fmt.Fprintln(w, i)
		w.Close()
	}
}

func main() {
	relay([]string{"a\n", "b\n"})
	spawn(3)
}
