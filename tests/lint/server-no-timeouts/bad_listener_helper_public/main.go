package main

import (
	"log"
	"net"
	"net/http"
	"os"
)

// listener listens on loopback unless asked to listen everywhere: not
// loopback only, so its servers need timeouts.
func listener(public bool) (net.Listener, error) {
	if public {
		return net.Listen("tcp", ":8080")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:8080")
	return ln, err
}

// fromEnv's address is the environment's: anything.
func fromEnv() (net.Listener, error) {
	return net.Listen("tcp", os.Getenv("ADDR"))
}

func main() {
	ln, err := listener(len(os.Args) > 1)
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(ln, http.NotFoundHandler())
	env, err := fromEnv()
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	log.Fatal(srv.Serve(env))
}
