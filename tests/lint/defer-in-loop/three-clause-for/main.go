package shards

import (
	"fmt"
	"os"
)

func CountBytes(n int) (int64, error) {
	var total int64
	for i := 0; i < n; i++ {
		f, err := os.Open(fmt.Sprintf("shard-%03d.dat", i))
		if err != nil {
			return 0, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}
