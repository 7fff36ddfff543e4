package suite

import (
	"net"
	"os"
	"testing"

	"example.com/suite/require"
)

// The defer goes below require.NoError, which stops the test on an error.
func TestScratch(t *testing.T) {
	f, err := Scratch()
	require.NoError(t, err)
	defer func() {
		// leave nothing behind
		os.Remove(f.Name())
	}()

	_, err = f.WriteString("x")
	require.NoError(t, err)
}

// Under `if err != nil` the value is always nil: no fix, the condition is
// probably the wrong way round.
func TestListen(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		defer ln.Close()
	}
}
