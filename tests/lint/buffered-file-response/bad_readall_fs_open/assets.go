package assets

import (
	"embed"
	"io"
	"net/http"
	"path"

	"example.com/site/static"
)

type Assets struct {
	root http.FileSystem
}

// Opened through the handler's file system, read whole, written.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, err := a.root.Open(path.Clean(r.URL.Path))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(data)
}

func Download(dir string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, err := http.Dir(dir).Open(r.URL.Query().Get("name"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		body, _ := io.ReadAll(f)
		w.Write(body)
	}
}

//go:embed web
var web embed.FS

// Compiled into the binary: nothing is read from disk per request. Silent.
func Favicon(w http.ResponseWriter, r *http.Request) {
	f, err := web.Open("web/favicon.ico")
	if err != nil {
		return
	}
	defer f.Close()
	icon, _ := io.ReadAll(f)
	w.Write(icon)
}

// A file system of another package (generated or embedded assets): silent.
func Logo(w http.ResponseWriter, r *http.Request) {
	f, err := static.Assets.Open("logo.svg")
	if err != nil {
		return
	}
	defer f.Close()
	logo, _ := io.ReadAll(f)
	w.Write(logo)
}
