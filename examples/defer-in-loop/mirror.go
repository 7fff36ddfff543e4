// Command mirror downloads every URL listed in a file into a directory.
package main

import (
	"bufio"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"time"
)

var client = &http.Client{Timeout: 30 * time.Second}

// mirrorAll saves each URL under dir. The defers pile up: every response
// body and every output file stays open until mirrorAll returns.
func mirrorAll(urls []string, dir string) error {
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			return fmt.Errorf("get %s: %w", u, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			log.Printf("skip %s: %s", u, resp.Status)
			continue
		}
		out, err := os.Create(filepath.Join(dir, path.Base(u)))
		if err != nil {
			return err
		}
		defer out.Close()
		if _, err := io.Copy(out, resp.Body); err != nil {
			return fmt.Errorf("save %s: %w", u, err)
		}
	}
	return nil
}

func readLines(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sc.Text() != "" {
			lines = append(lines, sc.Text())
		}
	}
	return lines, sc.Err()
}

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: mirror URL-LIST DIR")
	}
	urls, err := readLines(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	if err := mirrorAll(urls, os.Args[2]); err != nil {
		log.Fatal(err)
	}
}
