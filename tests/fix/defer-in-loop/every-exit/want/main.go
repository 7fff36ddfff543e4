package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
)

var errTooMany = errors.New("too many matches")

// grep leaves the file open on every way out of the iteration: the end
// of the body, a continue, a break and a return all need the close.
func grep(paths []string, needle string, max int) ([]string, error) {
	var hits []string
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}

		st, err := f.Stat()
		if err != nil || st.IsDir() {
			f.Close()
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if strings.Contains(sc.Text(), needle) {
				hits = append(hits, p+": "+sc.Text())
			}
			if len(hits) > max {
				f.Close()
				return hits, errTooMany
			}
		}
		if sc.Err() != nil {
			f.Close()
			break
		}
		f.Close() // the file is read to the end
	}
	return hits, nil
}

func main() {
	hits, err := grep(os.Args[1:], "TODO", 100)
	fmt.Println(len(hits), err)
}
