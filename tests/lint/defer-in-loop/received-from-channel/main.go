package serve

import (
	"bufio"
	"net"
	"time"
)

// Worker serves the connections handed to it and closes none of them
// until the channel is closed: one more open connection per client.
func Worker(conns <-chan net.Conn) {
	for c := range conns {
		defer c.Close()
		bufio.NewReader(c).ReadString('\n')
	}
}

// Loop receives in a select: same accumulation, for as long as it runs.
func Loop(conns chan net.Conn, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case c := <-conns:
			defer c.Close()
			c.SetDeadline(time.Now().Add(time.Second))
		}
	}
}

// Drain closes each connection before taking the next one.
func Drain(conns <-chan net.Conn) {
	for c := range conns {
		defer c.Close()
		bufio.NewReader(c).ReadString('\n')
		c.Close()
	}
}

// Owned ranges over a slice of connections opened by the caller: closing
// them all at the return is the point.
func Owned(conns []net.Conn) {
	for _, c := range conns {
		defer c.Close()
		c.SetDeadline(time.Now().Add(time.Second))
	}
}
