// Package store is another package of the module: its types are read too.
package store

import "errors"

type Handle struct {
	name string
}

// Release may be called on a nil handle.
func (h *Handle) Release() {
	if h == nil {
		return
	}
	h.name = ""
}

// Label is not nil-safe.
func (h *Handle) Label() string {
	return h.name
}

func Acquire(name string) (*Handle, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	return &Handle{name: name}, nil
}
