package pool

import "net"

type Pool struct {
	conns map[string]net.Conn
}

func (p *Pool) Drop(addr string) {
	c, ok := p.conns[addr]
	if !ok {
		return
	}
	delete(p.conns, addr)
	defer c.Close()
}

func (p *Pool) lookup(addr string) (net.Conn, bool) {
	c, ok := p.conns[addr]
	return c, ok
}

func (p *Pool) Touch(addr string) {
	c, found := p.lookup(addr)
	defer c.Close()
	if !found {
		return
	}
}
