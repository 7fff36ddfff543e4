package client

import (
	"net"
	"time"
)

func Banner(addr string) (string, error) {
	conn, dialErr := net.DialTimeout("tcp", addr, time.Second)
	defer conn.Close()
	if dialErr != nil {
		return "", dialErr
	}
	buf := make([]byte, 128)
	n, err := conn.Read(buf)
	return string(buf[:n]), err
}
