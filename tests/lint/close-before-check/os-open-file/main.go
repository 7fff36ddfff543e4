package conf

import (
	"encoding/json"
	"os"
)

// (*os.File).Close checks f == nil and returns an error: no panic, not reported.
func Load(path string, v interface{}) error {
	f, err := os.Open(path)
	defer f.Close()
	if err != nil {
		return err
	}
	return json.NewDecoder(f).Decode(v)
}

// Sync checks for nil too.
func Append(path string, line []byte) error {
	out, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o600)
	defer out.Sync()
	if err != nil {
		return err
	}
	_, err = out.Write(line)
	return err
}

// Name reads f.name: os.Remove(scratch.Name()) is evaluated at the defer and panics.
func Scratch(dir string) (int64, error) {
	scratch, err := os.CreateTemp(dir, "scratch-")
	defer os.Remove(scratch.Name())
	if err != nil {
		return 0, err
	}
	return scratch.Seek(0, 2)
}

// The same inside a deferred literal: Close is fine, Name is not.
func Spill(data []byte) error {
	tmp, err := os.CreateTemp("", "spill-")
	defer func() {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
	}()
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	return err
}
