package files

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
)

type FileServer struct {
	Root string
}

func (s *FileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open(filepath.Join(s.Root, filepath.Clean(r.URL.Path)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	body, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if _, err := w.Write(body); err != nil {
		return
	}
}
