package inventory

import (
	"fmt"
	"time"
)

type Lease struct {
	ID    string
	Owner string
}

type Handle uintptr

func (h Handle) Close() error { return nil }

func acquire(owner string) (Lease, error) {
	if owner == "" {
		return Lease{}, fmt.Errorf("no owner")
	}
	return Lease{ID: "l-1", Owner: owner}, nil
}

func openHandle(name string) (Handle, error) {
	return Handle(len(name)), nil
}

func acquirePtr(owner string) (*Lease, error) {
	if owner == "" {
		return nil, fmt.Errorf("no owner")
	}
	return &Lease{ID: "l-1", Owner: owner}, nil
}

func release(id string) {}

// A struct value is never nil: reading its field in the defer is fine.
func Hold(owner string) error {
	l, err := acquire(owner)
	defer release(l.ID)
	if err != nil {
		return err
	}
	return nil
}

// A handle that is an integer: its Close cannot panic on the zero value.
func Touch(name string) error {
	h, err := openHandle(name)
	defer h.Close()
	if err != nil {
		return err
	}
	return nil
}

// A pointer result: l.ID dereferences nil when acquirePtr fails.
func HoldPtr(owner string) error {
	l, err := acquirePtr(owner)
	defer release(l.ID)
	if err != nil {
		return err
	}
	return nil
}

// time.Parse returns a time.Time, a value: its methods are fine on the zero time.
func Since(stamp string) {
	t, err := time.Parse(time.RFC3339, stamp)
	defer fmt.Println("since", t.Unix())
	if err != nil {
		return
	}
}
