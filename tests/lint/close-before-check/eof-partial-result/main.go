package lines

import (
	"bufio"
	"errors"
	"io"
)

type chunk struct {
	lines []string
}

func (c *chunk) release() { c.lines = c.lines[:0] }

var errSkipped = errors.New("skipped")

// readChunk returns what it read with io.EOF at the end of the input.
func readChunk(r *bufio.Reader) (*chunk, error) {
	c := &chunk{}
	for len(c.lines) < 100 {
		line, err := r.ReadString('\n')
		if line != "" {
			c.lines = append(c.lines, line)
		}
		if err == io.EOF {
			return c, err
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// io.EOF comes with the data: past this check, c is not nil.
func Count(r *bufio.Reader) (int, error) {
	c, err := readChunk(r)
	if err != nil && err != io.EOF {
		return 0, err
	}
	defer c.release()
	return len(c.lines), nil
}

func CountSwitch(r *bufio.Reader) (int, error) {
	c, err := readChunk(r)
	switch {
	case errors.Is(err, io.EOF):
	case err != nil:
		return 0, err
	}
	defer c.release()
	return len(c.lines), nil
}

// Any other error let through: c is nil with it, and release writes through c.
func CountSkipping(r *bufio.Reader) (int, error) {
	c, err := readChunk(r)
	if err != nil && !errors.Is(err, errSkipped) {
		return 0, err
	}
	defer c.release()
	return len(c.lines), nil
}
