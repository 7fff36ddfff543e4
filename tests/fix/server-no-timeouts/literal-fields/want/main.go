package main

import (
	"crypto/tls"
	"log"
	"net/http"
	"os"
	"time"
)

type service struct {
	public, internal, admin, health *http.Server
}

// Server literals without a read timeout get a ReadHeaderTimeout field,
// on a line of their own when the literal has lines, and the values of
// the fields aligned with it padded as gofmt pads them.
func newService(h http.Handler) *service {
	return &service{
		public: &http.Server{
			Addr:    ":443",
			Handler: h, // the public router
			TLSConfig: &tls.Config{
				MinVersion: tls.VersionTLS12,
			},
			ErrorLog:          log.New(os.Stderr, "public: ", 0),
			WriteTimeout:      time.Minute,
			ReadHeaderTimeout: 10 * time.Second,
		},
		internal: &http.Server{
			// The internal API.
			Addr: ":8081",

			// Everything is routed by h.
			Handler:           h,
			ReadHeaderTimeout: 10 * time.Second,
		},
		admin: &http.Server{
			Addr: ":8082",
			Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusNoContent)
			}),
			ReadHeaderTimeout: 10 * time.Second,
		},
		health: &http.Server{Addr: ":8083", ReadHeaderTimeout: 10 * time.Second},
	}
}

func (s *service) run() {
	go func() { log.Print(s.internal.ListenAndServe()) }()
	go func() { log.Print(s.admin.ListenAndServe()) }()
	go func() { log.Print(s.health.ListenAndServe()) }()
	log.Fatal(s.public.ListenAndServeTLS("cert.pem", "key.pem"))
}

func main() {
	go func() {
		srv := &http.Server{ReadHeaderTimeout: 10 * time.Second}
		srv.Addr = ":8084"
		log.Print(srv.ListenAndServe())
	}()
	newService(http.NotFoundHandler()).run()
}
