// Command fake is a test fixture for `plumber watch --prometheus`: HTTP
// servers that are not a healthy Prometheus, on loopback, one per path
// prefix of one listener. Standard library only, Go 1.19.
//
//	/hang/...      accepts the request and never answers
//	/garbage/...   200 with a text that is not JSON
//	/html/...      200 with a login page (a proxy in front of the API)
//	/close/...     closes the connection without an answer
//	/notapi/...    200 with JSON that is not the API's
//	/auth/...      401 unless "Authorization: Bearer $token" (or basic
//	               auth -user:-password) and "X-Scope-OrgID: $tenant" are
//	               sent; then a reverse proxy to -upstream (the real server)
//	/nan/...       the API's answers with NaN, +Inf and -Inf values
//
// It prints its address on stdout when it listens.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"time"
)

var (
	upstream = flag.String("upstream", "", "the real server /auth/ proxies to")
	token    = flag.String("token", "s3cret", "bearer token /auth/ wants")
	user     = flag.String("user", "plumber", "basic auth user /auth/ accepts")
	password = flag.String("password", "pa:ss", "basic auth password /auth/ accepts")
	tenant   = flag.String("tenant", "team-a", "X-Scope-OrgID /auth/ wants")
	lifetime = flag.Duration("time", 3*time.Minute, "exit after this long")
)

func main() {
	flag.Parse()
	time.AfterFunc(*lifetime, func() { log.Fatal("lifetime over") })
	up, err := url.Parse(*upstream)
	if err != nil {
		log.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(up)
	mux := http.NewServeMux()
	mux.HandleFunc("/hang/", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Hour):
		}
	})
	mux.HandleFunc("/garbage/", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello, this is not JSON {{{\x00\xff\n")
	})
	mux.HandleFunc("/html/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<!DOCTYPE html><html><body><form>Sign in</form></body></html>\n")
	})
	mux.HandleFunc("/notapi/", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"hello":"world"}`)
	})
	mux.HandleFunc("/close/", func(w http.ResponseWriter, r *http.Request) {
		hj, ok := w.(http.Hijacker)
		if !ok {
			return
		}
		c, _, err := hj.Hijack()
		if err == nil {
			c.Close()
		}
	})
	mux.HandleFunc("/auth/", func(w http.ResponseWriter, r *http.Request) {
		u, p, basic := r.BasicAuth()
		okAuth := r.Header.Get("Authorization") == "Bearer "+*token ||
			(basic && u == *user && p == *password)
		if !okAuth {
			w.Header().Set("WWW-Authenticate", `Bearer realm="fake"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if r.Header.Get("X-Scope-OrgID") != *tenant {
			http.Error(w, "no org id", http.StatusUnauthorized)
			return
		}
		r.URL.Path = strings.TrimPrefix(r.URL.Path, "/auth")
		proxy.ServeHTTP(w, r)
	})
	mux.HandleFunc("/nan/", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		switch {
		case strings.HasSuffix(r.URL.Path, "/api/v1/series"):
			io.WriteString(w, `{"status":"success","data":[{"__name__":"go_goroutines","job":"nan","instance":"n:1"}]}`)
		case strings.HasSuffix(r.URL.Path, "/api/v1/query"):
			io.WriteString(w, `{"status":"success","data":{"resultType":"matrix","result":[]}}`)
		default:
			// every metric the same: a flat 10, with NaN and infinities between
			start := r.Form.Get("start")
			var b strings.Builder
			fmt.Fprintf(&b, `{"status":"success","warnings":["fake: partial answer"],"data":{"resultType":"matrix","result":[{"metric":{"__name__":"x","job":"nan","instance":"n:1"},"values":[`)
			var t0 float64
			fmt.Sscan(start, &t0)
			step := 1.0
			fmt.Sscan(r.Form.Get("step"), &step)
			for i := 0; i < 60; i++ {
				v := `"10"`
				switch i % 7 {
				case 3:
					v = `"NaN"`
				case 5:
					v = `"+Inf"`
				case 6:
					v = `"-Inf"`
				}
				if i > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, "[%.3f,%s]", t0+float64(i)*step, v)
			}
			b.WriteString("]}]}}")
			io.WriteString(w, b.String())
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ln.Addr().String())
	log.Fatal(http.Serve(ln, mux))
}
