package client

import "os"

func failed(err error) bool { return err != nil }

func size(p string) int64 {
	f, err := os.Open(p)
	if failed(err) {
		return 0
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	return st.Size()
}
