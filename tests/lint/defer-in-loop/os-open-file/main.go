package logs

import (
	"bufio"
	"os"
	"strings"
)

func Grep(paths []string, needle string) ([]string, error) {
	var hits []string
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if strings.Contains(sc.Text(), needle) {
				hits = append(hits, p+": "+sc.Text())
			}
		}
	}
	return hits, nil
}
