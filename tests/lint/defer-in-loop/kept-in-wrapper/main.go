package merge

import (
	"bufio"
	"crypto/sha256"
	"io"
	"os"
)

// Lines opens every file and keeps a reader over each for the merge after
// the loop: the files are held on purpose until Lines returns.
func Lines(paths []string) ([]string, error) {
	var readers []*bufio.Reader
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		readers = append(readers, bufio.NewReader(f))
	}
	var out []string
	for _, r := range readers {
		l, _ := r.ReadString('\n')
		out = append(out, l)
	}
	return out, nil
}

func digest(r io.Reader) [32]byte {
	h := sha256.New()
	io.Copy(h, r)
	var s [32]byte
	copy(s[:], h.Sum(nil))
	return s
}

// Digests keeps only a digest of each file, not the file.
func Digests(paths []string) ([][32]byte, error) {
	var sums [][32]byte
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		sums = append(sums, digest(f))
	}
	return sums, nil
}
