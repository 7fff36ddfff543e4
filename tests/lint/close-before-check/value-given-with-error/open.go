package archive

import (
	"errors"
	"io"
	"os"
)

// closers closes every file it holds; an empty one closes nothing.
type closers []io.Closer

func (c closers) Close() error {
	var first error
	for _, x := range c {
		if err := x.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// openAll gives back what it opened even when it fails, so that the
// caller closes those: its closer is never nil.
func openAll(paths []string) ([]io.Reader, io.Closer, error) {
	opened := make(closers, 0, len(paths))
	var rs []io.Reader
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, opened, err
		}
		opened = append(opened, f)
		rs = append(rs, f)
	}
	return rs, opened, nil
}

// openOne gives nothing with its error: the usual contract.
func openOne(path string) (io.ReadCloser, error) {
	if path == "" {
		return nil, errors.New("no path")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}
