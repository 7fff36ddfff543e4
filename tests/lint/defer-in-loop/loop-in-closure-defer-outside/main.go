package sum

import (
	"bufio"
	"os"
	"strconv"
)

func SumFile(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	count := func() (int, error) {
		defer f.Close()
		total := 0
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			n, err := strconv.Atoi(sc.Text())
			if err != nil {
				return 0, err
			}
			total += n
		}
		return total, sc.Err()
	}
	return count()
}
