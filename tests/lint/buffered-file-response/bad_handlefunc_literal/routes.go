package routes

import (
	"net/http"
	"os"
)

func Register(mux *http.ServeMux, dir string) {
	mux.HandleFunc("/export", func(rw http.ResponseWriter, _ *http.Request) {
		data, err := os.ReadFile(dir + "/export.csv")
		if err != nil {
			rw.WriteHeader(http.StatusNotFound)
			return
		}
		rw.Header().Set("Content-Type", "text/csv")
		rw.Write(data[:])
	})
}
