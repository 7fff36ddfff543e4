// Command reports serves generated report files over HTTP.
package main

import (
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const root = "/var/lib/reports"

// download reads the whole file into memory, then writes it in one call.
// A 2 GB report costs 2 GB of heap per concurrent download, and a slow
// client keeps that buffer (and the goroutine) alive for as long as it
// takes to read it.
func download(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(strings.TrimPrefix(r.URL.Path, "/reports/"))
	data, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	if _, err := w.Write(data); err != nil {
		log.Printf("send %s: %v", name, err)
	}
}

func main() {
	http.HandleFunc("/reports/", download)
	// No read, write or idle timeouts: a client that stops reading holds
	// its connection and buffer forever.
	log.Fatal(http.ListenAndServe(":8080", nil))
}
