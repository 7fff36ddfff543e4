package d

import (
	"net/http"
	"os"
)

// Above the declaration: the whole function is silenced.
//
//plumber:ignore defer-in-loop
func Quiet(paths, urls []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close()
	}
}

func AlsoQuiet(paths []string) { //plumber:ignore defer-in-loop
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}

// Not covered by the directives above: still reported.
func Loud(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}
