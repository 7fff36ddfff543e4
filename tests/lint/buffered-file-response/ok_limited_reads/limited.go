package limited

import (
	"io"
	"net/http"
	"os"
)

// Only the first kilobyte of the file is read.
func Head(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/var/log/app.log")
	if err != nil {
		return
	}
	defer f.Close()
	first, err := io.ReadAll(io.LimitReader(f, 1024))
	if err != nil {
		return
	}
	w.Write(first)
}

// A fixed-size read.
func Peek(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/var/log/app.log")
	if err != nil {
		return
	}
	defer f.Close()
	buf := make([]byte, 512)
	n, _ := f.Read(buf)
	w.Write(buf[:n])
}

// Streaming copies never hold the whole file.
func Stream(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/var/log/app.log")
	if err != nil {
		return
	}
	defer f.Close()
	io.Copy(w, f)
}
