package upload

import (
	"log"
	"os"
)

func SizeAll(paths []string) (int64, error) {
	var n int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		defer func() {
			if err := f.Close(); err != nil {
				log.Printf("close %s: %v", p, err)
			}
		}()
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		n += st.Size()
	}
	return n, nil
}
