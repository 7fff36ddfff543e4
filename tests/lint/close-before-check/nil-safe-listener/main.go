package rpc

import (
	"log"
	"net"
)

type Server struct {
	addr *net.TCPAddr
	ln   *net.TCPListener
}

func (s *Server) listen() (*net.TCPListener, error) {
	return net.ListenTCP("tcp", s.addr)
}

func (s *Server) listenAny(network string) (net.Listener, error) {
	return net.Listen(network, s.addr.String())
}

// *net.TCPListener's Close checks for nil: a harmless (if pointless) call.
func (s *Server) Restart() error {
	l, err := s.listen()
	if err != nil {
		l.Close()
		return err
	}
	s.ln = l
	return nil
}

// net.Listener is an interface: Close on a nil one panics.
func (s *Server) Serve(network string) error {
	l, err := s.listenAny(network)
	if err != nil {
		log.Printf("listen: %v", err)
	}
	defer l.Close()
	_, err = l.Accept()
	return err
}
