package main

import (
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
)

// callbackListener finds a free port on loopback for a one-off callback.
func callbackListener(from, to int) (net.Listener, int, error) {
	for port := from; port < to; port++ {
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		ln, err := net.Listen("tcp", addr)
		if err == nil {
			return ln, port, nil
		}
	}
	return nil, 0, errors.New("no free port")
}

type login struct{ done chan string }

func (l *login) socket(path string) (net.Listener, error) {
	return net.Listen("unix", path)
}

func (l *login) run() error {
	ln, port, err := callbackListener(49152, 49200)
	if err != nil {
		return err
	}
	log.Printf("waiting on port %d", port)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.done <- r.URL.Query().Get("code")
	})}
	go func() {
		if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
			log.Print(err)
		}
	}()
	<-l.done
	return srv.Close()
}

func (l *login) runSocket() error {
	us, err := l.socket("/tmp/login.sock")
	if err != nil {
		return err
	}
	return http.Serve(us, http.NotFoundHandler())
}

func main() {
	l := &login{done: make(chan string, 1)}
	log.Fatal(l.run(), l.runSocket())
}
