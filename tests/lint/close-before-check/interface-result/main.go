package blobs

import (
	"io"
	"os"
)

type Store struct{ root string }

func (s *Store) Reader(key string) (io.ReadCloser, error) {
	return os.Open(s.root + "/" + key)
}

func (s *Store) file(key string) (*os.File, error) {
	return os.Open(s.root + "/" + key)
}

// The declared result is an interface: Close on a nil io.ReadCloser panics,
// even though the value inside would have been an *os.File.
func (s *Store) Size(key string) (int64, error) {
	rc, err := s.Reader(key)
	defer rc.Close()
	if err != nil {
		return 0, err
	}
	return io.Copy(io.Discard, rc)
}

// The declared result is *os.File: nil-safe.
func (s *Store) Size2(key string) (int64, error) {
	f, err := s.file(key)
	defer f.Close()
	if err != nil {
		return 0, err
	}
	return io.Copy(io.Discard, f)
}
