package d

import "os"

// Two loops: the first defer is silenced by name (with a reason after
// it), the second by a list that holds the name among others.
func Sizes(a, b []string) (n int64) {
	for _, p := range a {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() //nolint:defer-in-loop // a handful of files, known bound
		n++
	}
	for _, p := range b {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() //nolint:errcheck,defer-in-loop
		n++
	}
	return n
}
