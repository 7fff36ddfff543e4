package must

import "os"

// The iteration that defers always panics, so no second iteration runs
// with the defer pending.
func MustOpenAll(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err == nil {
			continue
		}
		defer f.Close()
		panic(err)
	}
}
