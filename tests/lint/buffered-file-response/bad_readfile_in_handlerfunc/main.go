package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	http.Handle("/image", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		img, err := os.ReadFile("/srv/images/disk.img")
		if err != nil {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(img)
	}))
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
