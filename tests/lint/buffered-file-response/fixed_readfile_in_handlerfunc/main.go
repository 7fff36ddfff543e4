package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	http.Handle("/image", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Open("/srv/images/disk.img")
		if err != nil {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		http.ServeContent(w, r, "disk.img", st.ModTime(), f)
	}))
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
