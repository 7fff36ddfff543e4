package build

import (
	"io"
	"sync"
)

// onlyOnce returns a function that runs f the first time it is called.
func onlyOnce(f func()) func() {
	var once sync.Once
	return func() { once.Do(f) }
}

type source interface {
	Open(name string) (io.ReadCloser, error)
}

// Build closes each input through a once-only cleanup, called explicitly
// at the end of the iteration; the defer covers the early returns.
func Build(src source, names []string, sink io.Writer) error {
	for _, n := range names {
		r, err := src.Open(n)
		if err != nil {
			return err
		}
		closeInput := onlyOnce(func() { r.Close() })
		defer closeInput()
		if _, err := io.Copy(sink, r); err != nil {
			return err
		}
		closeInput()
	}
	return nil
}

// Leak forgets the explicit call: every input stays open.
func Leak(src source, names []string, sink io.Writer) error {
	for _, n := range names {
		r, err := src.Open(n)
		if err != nil {
			return err
		}
		cleanup := func() { r.Close() }
		defer cleanup()
		if _, err := io.Copy(sink, r); err != nil {
			return err
		}
	}
	return nil
}
