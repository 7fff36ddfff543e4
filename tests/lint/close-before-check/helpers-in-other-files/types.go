package inventory

import "errors"

// ledger's methods are declared here, away from the code that defers them.
type ledger struct {
	rows []string
}

// Close checks its receiver: safe on nil.
func (l *ledger) Close() error {
	if l == nil {
		return nil
	}
	l.rows = nil
	return nil
}

// Sync writes through l: panics on nil.
func (l *ledger) Sync() error {
	l.rows = append(l.rows, "sync")
	return nil
}

// stamp is a value: never nil.
type stamp struct {
	at int64
}

func (s stamp) Release() {}

type cursor interface {
	Close() error
}

func openLedger(path string) (*ledger, error) {
	if path == "" {
		return nil, errors.New("no path")
	}
	return &ledger{}, nil
}

func newStamp(at int64) (stamp, error) {
	if at < 0 {
		return stamp{}, errors.New("negative")
	}
	return stamp{at: at}, nil
}

func openCursor(q string) (cursor, error) {
	if q == "" {
		return nil, errors.New("empty query")
	}
	return nil, nil
}

// journal gets Close from its embedded ledger: reaching it dereferences j.
type journal struct {
	*ledger
}

func openJournal(path string) (*journal, error) {
	l, err := openLedger(path)
	if err != nil {
		return nil, err
	}
	return &journal{l}, nil
}
