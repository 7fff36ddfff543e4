package serve

import (
	"net"
	web "net/http"
)

func Run(ln net.Listener, h web.Handler) error {
	return web.Serve(ln, h)
}

func RunTLS(ln net.Listener, h web.Handler) error {
	return web.ServeTLS(ln, h, "cert.pem", "key.pem")
}
