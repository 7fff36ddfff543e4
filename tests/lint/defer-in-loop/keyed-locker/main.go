package repo

import "io"

type locker interface {
	Lock(key string) (io.Closer, error)
}

// CheckoutAll locks each repository by its own key and keeps every lock
// until the work after the loop is done: different locks, held on purpose.
func CheckoutAll(l locker, keys []string, work func() error) error {
	for _, k := range keys {
		unlock, err := l.Lock(k)
		if err != nil {
			return err
		}
		defer unlock.Close()
	}
	return work()
}

// RetryAll takes the same key in every iteration: the second Lock waits
// for the first release, which only comes when RetryAll returns.
func RetryAll(l locker, key string, steps []func() error) error {
	for _, step := range steps {
		unlock, err := l.Lock(key)
		if err != nil {
			return err
		}
		defer unlock.Close()
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
