package main

import (
	"bufio"
	"fmt"
	"net"
	"time"
)

// serve closes none of the connections it is handed until the channel is
// closed.
func serve(conns <-chan net.Conn) {
	for c := range conns {
		line, err := bufio.NewReader(c).ReadString('\n')
		if err != nil {
			c.Close()
			continue
		}
		fmt.Fprint(c, line)
		c.Close()
	}
}

// poll receives in a select: the same pile-up, for as long as it runs.
func poll(conns chan net.Conn, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case c := <-conns:
			if err := c.SetDeadline(time.Now().Add(time.Second)); err != nil {
				c.Close()
				break
			}
			fmt.Fprintln(c, "hello")
			c.Close()
		}
	}
}

func main() {
	conns := make(chan net.Conn)
	close(conns)
	serve(conns)
	stop := make(chan struct{})
	close(stop)
	poll(nil, stop)
}
