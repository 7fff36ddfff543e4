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

type group struct{ buckets []string }

func (g *group) LockAndSet(b []string) func() { g.buckets = b; return func() {} }

// Collect locks each group it gathers from and keeps them all until the
// caller is done: different groups, held together on purpose.
func Collect(groups map[string]*group, names []string, b []string) int {
	n := 0
	for _, name := range names {
		g, ok := groups[name]
		if !ok {
			continue
		}
		unlock := g.LockAndSet(b)
		defer unlock()
		n += len(g.buckets)
	}
	return n
}
