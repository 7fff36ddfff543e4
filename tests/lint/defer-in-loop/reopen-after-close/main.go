package tail

import (
	"io"
	"os"
)

// Follow reopens the file when it is rotated, closing the old one first:
// only the last file is ever open.
func Follow(path string, out io.Writer, rotated <-chan struct{}, stop <-chan struct{}) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	for {
		select {
		case <-stop:
			return f.Close()
		case <-rotated:
			if err := f.Close(); err != nil {
				return err
			}
			f, err = os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			if _, err := io.Copy(out, f); err != nil {
				return err
			}
		}
	}
}

// Leaky reopens without closing the old file: every rotation keeps one
// more open until Leaky returns.
func Leaky(path string, out io.Writer, rotated <-chan struct{}, stop <-chan struct{}) error {
	for {
		select {
		case <-stop:
			return nil
		case <-rotated:
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			if _, err := io.Copy(out, f); err != nil {
				return err
			}
		}
	}
}
