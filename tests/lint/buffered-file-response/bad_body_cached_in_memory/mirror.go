package mirror

import (
	"bytes"
	"embed"
	"io"
	"io/fs"
	"net/http"
	"os"
	"time"

	"github.com/spf13/afero"
)

type Mirror struct {
	Upstream string
	client   *http.Client
}

// The download is copied whole into an in-memory file, then served.
func (m *Mirror) Artifact(w http.ResponseWriter, r *http.Request) {
	resp, err := m.client.Get(m.Upstream + r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	mfs := afero.NewMemMapFs()
	f, err := mfs.Create("artifact")
	if err != nil {
		return
	}
	io.Copy(f, resp.Body)
	http.ServeContent(w, r, "artifact", time.Now(), f)
}

// Read whole, then served as content: the same.
func (m *Mirror) Package(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(m.Upstream + "/pkg.tgz")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	http.ServeContent(w, r, "pkg.tgz", time.Now(), bytes.NewReader(data))
}

// A file server over an in-memory file system the body was copied into.
func (m *Mirror) Site(w http.ResponseWriter, r *http.Request) {
	resp, err := m.client.Get(m.Upstream + "/index.html")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	mem := afero.NewMemMapFs()
	idx, _ := mem.Create("/index.html")
	io.Copy(idx, resp.Body)
	idx.Close()
	http.FileServer(afero.NewHttpFs(mem)).ServeHTTP(w, r)
}

// Streamed: silent.
func (m *Mirror) Stream(w http.ResponseWriter, r *http.Request) {
	resp, err := m.client.Get(m.Upstream + r.URL.Path)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	io.Copy(w, resp.Body)
}

// Cached on disk, then served from there: silent.
func (m *Mirror) Cached(w http.ResponseWriter, r *http.Request) {
	resp, err := m.client.Get(m.Upstream + r.URL.Path)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	f, err := os.CreateTemp("", "mirror")
	if err != nil {
		return
	}
	defer os.Remove(f.Name())
	defer f.Close()
	io.Copy(f, resp.Body)
	http.ServeContent(w, r, "artifact", time.Now(), f)
}

// An API answer relayed: silent (small JSON, bounded by the upstream).
func (m *Mirror) Status(w http.ResponseWriter, r *http.Request) {
	resp, err := m.client.Get(m.Upstream + "/status")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

//go:embed static
var static embed.FS

// Embedded in the binary: no per-request read: silent.
func Index(w http.ResponseWriter, r *http.Request) {
	data, _ := fs.ReadFile(static, "static/index.html")
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(data))
}
