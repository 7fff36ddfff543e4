package client

import (
	"io"
	"log"
	"net"
	"net/http"
)

func closeQuietly(c io.Closer) { _ = c.Close() }

func logErr(f func() error) {
	if err := f(); err != nil {
		log.Print(err)
	}
}

// Ping dials every address and closes each connection through a helper,
// deferred: the connections pile up until Ping returns.
func Ping(addrs []string) int {
	n := 0
	for _, a := range addrs {
		c, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		defer closeQuietly(c)
		n++
	}
	return n
}

// Sizes passes the body's Close as a method value: still deferred.
func Sizes(c *http.Client, urls []string) int64 {
	var total int64
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		defer logErr(resp.Body.Close)
		n, _ := io.Copy(io.Discard, resp.Body)
		total += n
	}
	return total
}

// Serve closes a listener made before the loop: one defer per accept
// loop iteration, but nothing new is acquired in it.
func Serve(l net.Listener, handle func(net.Conn)) {
	for {
		defer closeQuietly(l)
		c, err := l.Accept()
		if err != nil {
			return
		}
		go handle(c)
	}
}
