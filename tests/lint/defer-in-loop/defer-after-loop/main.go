package merge

import (
	"io"
	"os"
)

func Merge(out string, parts []string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	for _, p := range parts {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if _, err := f.Write(b); err != nil {
			return err
		}
	}
	defer f.Close()
	_, err = io.WriteString(f, "\n")
	return err
}
