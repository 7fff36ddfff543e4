package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
)

type Settings struct {
	Name string `json:"name"`
}

// The file is read and parsed; what goes to the writer is a small encoding.
func Show(w http.ResponseWriter, r *http.Request) {
	raw, err := os.ReadFile("/etc/app/settings.json")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var s Settings
	if err := json.Unmarshal(raw, &s); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	out, _ := json.Marshal(s)
	w.Write(out)
}

// The buffer is rebuilt before it is written.
func Summary(w http.ResponseWriter, r *http.Request) {
	data, _ := os.ReadFile("/etc/app/settings.json")
	data = []byte(http.StatusText(len(data) % 500))
	w.Write(data)
}

// The error of a whole read is written, not the data; the data is
// rewritten first.
func Index(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/srv/ui/index.html")
	if err != nil {
		return
	}
	defer f.Close()
	idx, err := io.ReadAll(f)
	if err != nil {
		fmt.Fprintf(w, "error reading index.html: %v", err)
		return
	}
	page := bytes.ReplaceAll(idx, []byte("TITLE"), []byte("Shop"))
	w.Write(page)
}
