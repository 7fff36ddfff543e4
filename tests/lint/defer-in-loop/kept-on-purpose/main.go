package logs

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
)

// OpenAll keeps every file open on purpose: the readers are merged after
// the loop, and the defers close them when MergeAll returns.
func MergeAll(dst io.Writer, paths []string) error {
	var files []*os.File
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		files = append(files, f)
	}
	for _, f := range files {
		if _, err := io.Copy(dst, f); err != nil {
			return err
		}
	}
	return nil
}

type source struct {
	name string
	body io.ReadCloser
}

// Index keeps each file in a map read after the loop.
func Index(paths []string) (map[string]int, error) {
	open := make(map[string]*source)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		open[p] = &source{name: p, body: f}
	}
	lines := make(map[string]int)
	for name, s := range open {
		sc := bufio.NewScanner(s.body)
		for sc.Scan() {
			lines[name]++
		}
	}
	return lines, nil
}

// Follow streams every log to out from its own goroutine; the streams
// must stay open until Follow returns, and the defers close them then.
func Follow(c *http.Client, urls []string, out chan<- string, done <-chan struct{}) {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close()
		go func() {
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				out <- sc.Text()
			}
		}()
	}
	<-done
}

// Statuses keeps only the status code, not the response: every body
// stays open until Statuses returns.
func Statuses(c *http.Client, urls []string) []int {
	var codes []int
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close()
		codes = append(codes, resp.StatusCode)
	}
	return codes
}

// Fanout dials every peer into a slice element and writes to all of them
// after the loop; they are closed together when Fanout returns.
func Fanout(peers []string, msg []byte) error {
	conns := make([]net.Conn, len(peers))
	for i, p := range peers {
		var err error
		conns[i], err = net.Dial("tcp", p)
		if err != nil {
			return err
		}
		defer conns[i].Close()
	}
	for _, c := range conns {
		if _, err := c.Write(msg); err != nil {
			return err
		}
	}
	return nil
}
