package listen

import (
	"net"
)

// ListenAll returns every listener; if a later one fails, the deferred
// rollbacks close those opened so far. On success nothing is released.
func ListenAll(addrs []string) (ls []net.Listener, err error) {
	for _, a := range addrs {
		l, lerr := net.Listen("tcp", a)
		if lerr != nil {
			return nil, lerr
		}
		defer func() {
			if err != nil {
				l.Close()
			}
		}()
		ls = append(ls, l)
	}
	return ls, nil
}

// ListenEach undoes on failure too, written with an early return.
func ListenEach(addrs []string, register func(net.Listener)) (retErr error) {
	for _, a := range addrs {
		l, err := net.Listen("tcp", a)
		if err != nil {
			return err
		}
		defer func() {
			if retErr == nil {
				return
			}
			l.Close()
		}()
		register(l)
	}
	return nil
}

// Probe closes unconditionally at the return: every listener stays open
// until then.
func Probe(addrs []string) (n int, err error) {
	for _, a := range addrs {
		l, lerr := net.Listen("tcp", a)
		if lerr != nil {
			return n, lerr
		}
		defer func() {
			if cerr := l.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}()
		n++
	}
	return n, nil
}
