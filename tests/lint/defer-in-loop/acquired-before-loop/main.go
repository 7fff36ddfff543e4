package pump

import (
	"bufio"
	"net"
	"time"
)

// Pump owns one connection for its whole life; the defer inside the loop
// closes that same connection and nothing new is opened per iteration.
func Pump(c net.Conn, lines <-chan string, stop <-chan struct{}) {
	w := bufio.NewWriter(c)
	for {
		select {
		case <-stop:
			return
		case l := <-lines:
			defer c.Close()
			w.WriteString(l)
			w.Flush()
		}
	}
}

// Redial opens a new connection for every batch and closes none of them
// until it returns.
func Redial(addr string, batches <-chan []byte) error {
	for b := range batches {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return err
		}
		defer c.Close()
		if _, err := c.Write(b); err != nil {
			return err
		}
	}
	return nil
}
