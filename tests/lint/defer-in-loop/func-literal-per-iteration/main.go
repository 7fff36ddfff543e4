package files

import (
	"io"
	"os"
)

func Concat(dst io.Writer, paths []string) error {
	for _, p := range paths {
		err := func() error {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(dst, f)
			return err
		}()
		if err != nil {
			return err
		}
	}
	return nil
}
