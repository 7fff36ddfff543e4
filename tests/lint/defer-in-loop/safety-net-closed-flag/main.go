package archive

import (
	"compress/gzip"
	"io"
	"os"
)

// Compress closes each writer on the normal path; the deferred close only
// runs for a writer left open by an early return, so nothing piles up.
func Compress(paths []string) error {
	for _, p := range paths {
		out, err := os.Create(p + ".gz")
		if err != nil {
			return err
		}
		closed := false
		defer func() {
			if !closed {
				out.Close()
			}
		}()
		in, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		zw := gzip.NewWriter(out)
		if _, err := zw.Write(in); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		if err := out.Close(); err != nil {
			return err
		}
		closed = true
	}
	return nil
}

// CopyAll skips files it cannot stat with a continue that bypasses the
// explicit Close: those files stay open until CopyAll returns.
func CopyAll(dst io.Writer, paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		done := false
		defer func() {
			if !done {
				f.Close()
			}
		}()
		if st, err := f.Stat(); err != nil || st.Size() == 0 {
			continue
		}
		if _, err := io.Copy(dst, f); err != nil {
			return err
		}
		f.Close()
		done = true
	}
	return nil
}
