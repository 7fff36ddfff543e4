package inventory

import "example.com/inventory/store"

// nil-safe method declared in another file: silent
func Count(path string) (int, error) {
	l, err := openLedger(path)
	defer l.Close()
	if err != nil {
		return 0, err
	}
	return len(l.rows), nil
}

// a method of the same type without the check: reported
func Flush(path string) error {
	l, err := openLedger(path)
	defer l.Sync()
	if err != nil {
		return err
	}
	return nil
}

// a value returned by a helper of another file: silent
func Stamp(at int64) error {
	s, err := newStamp(at)
	defer s.Release()
	return err
}

// an interface returned by a helper of another file: reported, not hedged
func Query(q string) error {
	c, err := openCursor(q)
	defer c.Close()
	if err != nil {
		return err
	}
	return nil
}

// another package of the module: its nil-safe method is silent, the other reported
func Hold(name string) (string, error) {
	h, err := store.Acquire(name)
	defer h.Release()
	if err != nil {
		return "", err
	}
	return h.Label(), nil
}

func Name(name string) (string, error) {
	h, err := store.Acquire(name)
	defer println(h.Label())
	if err != nil {
		return "", err
	}
	return "", nil
}

// a promoted method: the embedded field is reached through the nil pointer
func Journal(path string) error {
	j, err := openJournal(path)
	defer j.Close()
	if err != nil {
		return err
	}
	return nil
}
