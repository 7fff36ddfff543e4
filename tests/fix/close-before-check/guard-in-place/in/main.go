package main

import (
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
)

var errSkipped = errors.New("skipped")

// probe returns before its check on one path: the defer cannot move past
// that return (the body would no longer be closed there), so it is guarded.
func probe(url string, dry bool) error {
	resp, err := http.Get(url)
	defer resp.Body.Close()
	if dry {
		return errSkipped
	}
	if err != nil {
		return err
	}
	return nil
}

// dial closes the connection before looking at the error: a plain call is
// guarded where it is.
func dial(addr string) error {
	conn, err := net.Dial("tcp", addr)
	conn.Close()
	if err != nil {
		return fmt.Errorf("dial %s: %w", addr, err)
	}
	return nil
}

// report logs the error and goes on: the deferred literal is guarded, and
// its body indented one more level.
func report(url string) {
	resp, err := http.Get(url)
	defer func() {
		// drain nothing, just close
		resp.Body.Close()

		log.Print("closed")
	}()
	if err != nil {
		log.Print(err)
	}
}

// two defers before one check: the later one moves below the check, the
// earlier one is guarded in place, so they still run in the same order.
func both(url string) error {
	resp, err := http.Get(url)
	defer resp.Body.Close()
	defer log.Print(resp.Status)
	if err != nil {
		return err
	}
	return nil
}

// stamp's defer reads `tries` where it stands; a statement before the
// check changes it, so a moved defer would log another value: guarded.
func stamp(url string) error {
	tries := 1
	resp, err := http.Get(url)
	defer log.Print(resp.Status, tries)
	tries++
	if err != nil {
		return err
	}
	return nil
}

func warm(url string) error { return nil }

// err is assigned again before the defer: it says nothing about resp any
// more, so the guard tests resp itself.
func reassigned(url string) error {
	resp, err := http.Get(url)
	err = warm(url)
	defer resp.Body.Close()
	if err != nil {
		return err
	}
	return nil
}

func main() {
	fmt.Println(probe(os.Args[1], false), dial(os.Args[2]), both(os.Args[1]), stamp(os.Args[1]), reassigned(os.Args[1]))
	report(os.Args[1])
}
