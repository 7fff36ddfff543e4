package inner

import "io"

// Discard closes what it is given, after draining it.
func Discard(rc io.ReadCloser) {
	io.Copy(io.Discard, rc)
	rc.Close()
}
