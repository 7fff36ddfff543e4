package logs

import (
	"bufio"
	"bytes"
	"html/template"
	"io"
	"net/http"
	"os"
)

// The file is copied whole into a buffer, then the buffer is written.
func Tail(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/var/log/app/current.log")
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, f); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	w.Write(buf.Bytes())
}

// ReadFrom, then WriteTo: the same whole copy.
func Archive(w http.ResponseWriter, r *http.Request) {
	f, err := os.OpenFile("/srv/archive.tar", os.O_RDONLY, 0)
	if err != nil {
		return
	}
	defer f.Close()
	buf := new(bytes.Buffer)
	buf.ReadFrom(bufio.NewReader(f))
	buf.WriteTo(w)
}

// Through a reader over the buffer.
func Export(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/srv/export.csv")
	if err != nil {
		return
	}
	defer f.Close()
	out := bytes.NewBuffer(nil)
	io.Copy(out, f)
	io.Copy(w, out)
}

var page = template.Must(template.New("p").Parse("<p>{{.}}</p>"))

// A buffer filled by a template, not by a file: silent.
func Render(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := page.Execute(&buf, r.URL.Path); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	buf.WriteTo(w)
}

// A bounded copy: silent.
func Head(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/var/log/app/current.log")
	if err != nil {
		return
	}
	defer f.Close()
	var buf bytes.Buffer
	io.Copy(&buf, io.LimitReader(f, 4096))
	w.Write(buf.Bytes())
}

// Streaming through a bufio.Writer is not a whole copy: silent.
func Stream(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/srv/export.csv")
	if err != nil {
		return
	}
	defer f.Close()
	bw := bufio.NewWriter(w)
	io.Copy(bw, f)
	bw.Flush()
}
