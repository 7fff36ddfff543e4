package main

import (
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

var reportPath string

// serveReports serves /report, a 512 KiB file written in dir, from a
// server without timeouts whose sockets have small send buffers (so a
// client that does not read blocks a handler at once, and the kernel
// holds little).
func serveReports(dir string) string {
	reportPath = filepath.Join(dir, "report.txt")
	if err := os.WriteFile(reportPath, []byte(strings.Repeat("r", 512<<10)), 0o600); err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/report", serveReport)
	go http.Serve(smallBuffers{ln}, mux)
	return ln.Addr().String()
}

// serveReport reads the whole report and writes it in one call.
func serveReport(w http.ResponseWriter, r *http.Request) {
	data, err := os.ReadFile(reportPath)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(data)
}

// stallingClient asks for the report and never reads the answer.
func stallingClient(addr string) net.Conn {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil
	}
	c.(*net.TCPConn).SetReadBuffer(4 << 10)
	if _, err := c.Write([]byte("GET /report HTTP/1.1\r\nHost: report\r\n\r\n")); err != nil {
		c.Close()
		return nil
	}
	return c
}

type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		c.(*net.TCPConn).SetWriteBuffer(16 << 10)
	}
	return c, err
}
