package pick

import (
	"os"
)

// OpenFirst keeps the first path that opens; the loop breaks right after
// the defer, so it runs once.
func OpenFirst(paths []string) (string, error) {
	var name string
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		name = f.Name()
		break
	}
	if name == "" {
		return "", os.ErrNotExist
	}
	return name, nil
}
