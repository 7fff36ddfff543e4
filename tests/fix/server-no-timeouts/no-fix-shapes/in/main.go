package main

import (
	"errors"
	"log"
	"net/http"
	"os"
	"time"
)

func name() string { return os.Getenv("NAME") }

func handler() http.Handler { return http.NotFoundHandler() }

func cert() string { return os.Getenv("CERT") }

// A local variable hides package time.
func shadowed(addr string) error {
	time := os.Getenv("STARTED")
	log.Print("started at ", time)
	return http.ListenAndServe(addr, nil)
}

// ReadHeaderTimeout set to 0 is a choice the fix does not overrule.
func explicitZero() *http.Server {
	return &http.Server{Addr: ":8081", ReadHeaderTimeout: 0}
}

// The handler spans several lines.
func multiLine() {
	log.Fatal(http.ListenAndServe(":8082", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	})))
}

// A goto must not jump over a new variable.
func withGoto(addr string, skip bool) {
	if skip {
		goto done
	}
	log.Print(http.ListenAndServe(addr, nil))
done:
	log.Print("done")
}

// A label on the statement: nothing can go between it and its label.
func labeled(addr string) {
	tries := 0
retry:
	if err := http.ListenAndServe(addr, nil); err != nil && tries < 3 {
		tries++
		goto retry
	}
}

// name() runs before the server's handler: declaring the server first
// would run handler() before it.
func ordered(addr string) {
	log.Printf("%s: %v", name(), http.ListenAndServe(addr, handler()))
}

// The certificate is computed after the handler is; a Server literal
// would swap them.
func tlsOrdered(addr string) {
	log.Print(http.ListenAndServeTLS(addr, cert(), "key.pem", handler()))
}

// An else-if's initializer has no statement before it of its own.
func elseIf(addr string, fallback bool) error {
	if addr == "" {
		return errors.New("no address")
	} else if err := http.ListenAndServe(addr, nil); err != nil && fallback {
		return err
	}
	return nil
}

// A comment inside the call would be lost.
func commented(addr string) {
	log.Print(http.ListenAndServe(addr /* from the flags */, nil))
}

// The closing brace on the last field's line.
func closedOnLine() *http.Server {
	return &http.Server{
		Addr: ":8089", Handler: handler()}
}

// Two variables in one declaration.
func pair() {
	var a, b http.Server
	a.Addr, b.Addr = ":8083", ":8084"
	go a.ListenAndServe()
	log.Fatal(b.ListenAndServe())
}

func main() {
	start := time.Now()
	go func() { log.Print(shadowed(":8080")) }()
	go func() { log.Print(explicitZero().ListenAndServe()) }()
	go multiLine()
	go withGoto(":8085", false)
	go labeled(":8088")
	go ordered(":8086")
	go tlsOrdered(":8443")
	go func() { log.Print(elseIf(":8087", true)) }()
	go commented(":8090")
	go func() { log.Print(closedOnLine().ListenAndServe()) }()
	log.Print("up in ", time.Since(start))
	pair()
}
