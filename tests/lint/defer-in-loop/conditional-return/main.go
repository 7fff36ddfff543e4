package find

import (
	"bufio"
	"os"
)

// FirstLine returns the first non-empty first line; files that start
// empty are skipped with their defer still pending.
func FirstLine(paths []string) (string, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		if sc.Scan() && sc.Text() != "" {
			return sc.Text(), nil
		}
	}
	return "", nil
}
