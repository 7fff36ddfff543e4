package proxy

import (
	"net/http"
	"net/http/httputil"
	"net/url"
)

type route struct{ h http.Handler }

func (r *route) Handler(h http.Handler) *route { r.h = h; return r }

type router struct{ routes []*route }

func (rt *router) Path(p string) *route {
	r := &route{}
	rt.routes = append(rt.routes, r)
	return r
}

type Module struct {
	mux    *http.ServeMux
	router *router
}

// The proxy is registered as a handler, behind a middleware: it and its
// transport live on.
func (m *Module) setupTailProxy(target *url.URL, wrap func(http.Handler) http.Handler) {
	tp := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) { pr.SetURL(target) },
		Transport: &http.Transport{
			MaxIdleConnsPerHost: 8,
		},
	}
	var h http.Handler
	h = wrap(tp)
	m.router.Path("/tail").Handler(h)
}

// Registered on the default mux through http.Handle.
func (m *Module) Route(target *url.URL) {
	p := httputil.NewSingleHostReverseProxy(target)
	p.Transport = &http.Transport{}
	http.Handle("/api/", http.StripPrefix("/api", p))
}

// Served by a server until it stops.
func (m *Module) Run(addr string, target *url.URL) error {
	p := httputil.NewSingleHostReverseProxy(target)
	p.Transport = &http.Transport{MaxIdleConns: 100}
	srv := &http.Server{Addr: addr, Handler: p}
	return srv.ListenAndServe()
}

// Still a leak: a proxy built per request and used once.
func (m *Module) ServeOnce(w http.ResponseWriter, r *http.Request, target *url.URL) {
	p := httputil.NewSingleHostReverseProxy(target)
	p.Transport = &http.Transport{}
	p.ServeHTTP(w, r)
}
