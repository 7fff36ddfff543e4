package once

import (
	"net"
	"sync"
)

type recorder struct {
	mu      sync.Mutex
	samples []float64
}

// Stream takes the lock the first time a sample arrives and keeps it to
// the end: the flag makes the block run once.
func (r *recorder) Stream(in <-chan float64) {
	locked := false
	for v := range in {
		if !locked {
			r.mu.Lock()
			defer r.mu.Unlock()
			locked = true
		}
		r.samples = append(r.samples, v)
	}
}

// Send dials lazily, once: the nil check guards the defer.
func Send(addr string, msgs [][]byte) error {
	var conn net.Conn
	for _, m := range msgs {
		if conn == nil {
			var err error
			conn, err = net.Dial("tcp", addr)
			if err != nil {
				return err
			}
			defer conn.Close()
		}
		if _, err := conn.Write(m); err != nil {
			return err
		}
	}
	return nil
}

// SendEach dials per message: one more connection each time.
func SendEach(addr string, msgs [][]byte) error {
	for _, m := range msgs {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.Write(m); err != nil {
			return err
		}
	}
	return nil
}
