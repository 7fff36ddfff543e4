package grpcish

import "net"

type Server struct{}

func (s *Server) Serve(l net.Listener) error { return nil }

// Not net/http: this file does not import it.
func Run(l net.Listener) error {
	s := &Server{}
	return s.Serve(l)
}

func ListenAndServe(addr string) error { return nil }

func Main() error { return ListenAndServe(":1") }
