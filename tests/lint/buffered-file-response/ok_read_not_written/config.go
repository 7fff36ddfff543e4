package config

import (
	"encoding/json"
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
