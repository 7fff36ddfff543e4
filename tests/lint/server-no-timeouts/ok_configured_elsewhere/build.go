package web

import (
	"net"
	"net/http"
	"time"
)

// newAPIServer leaves the timeouts to its caller, which sets them: silent.
func newAPIServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h}
}

func RunAPI(ln net.Listener, h http.Handler) error {
	srv := newAPIServer(h)
	srv.ReadHeaderTimeout = 10 * time.Second
	return srv.Serve(ln)
}

// newMetricsServer's callers never set them: reported.
func newMetricsServer(h http.Handler) *http.Server {
	s := &http.Server{Handler: h}
	return s
}

func RunMetrics(ln net.Listener, h http.Handler) error {
	m := newMetricsServer(h)
	m.Handler = http.StripPrefix("/m", h)
	return m.Serve(ln)
}

type App struct {
	srv *http.Server
}

// Built in one method, configured and started in another: silent.
func (a *App) Init(h http.Handler) {
	a.srv = &http.Server{Handler: h}
}

func (a *App) Run(ln net.Listener) error {
	a.srv.ReadTimeout = 30 * time.Second
	return a.srv.Serve(ln)
}

type Admin struct {
	server *http.Server
	debug  *http.Server
}

// Kept in a struct literal's field, configured through it before serving: silent.
func NewAdmin(h http.Handler) *Admin {
	return &Admin{server: &http.Server{Handler: h}, debug: &http.Server{Handler: h}}
}

func (a *Admin) Start(ln, dl net.Listener) {
	a.server.ReadHeaderTimeout = 5 * time.Second
	go a.server.Serve(ln)
	// The debug server is never given one: reported (on its literal).
	go a.debug.Serve(dl)
}
