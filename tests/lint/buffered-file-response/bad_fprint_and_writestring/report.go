package report

import (
	"fmt"
	"io"
	"io/ioutil"
	"net/http"
)

func serveLog(w http.ResponseWriter, r *http.Request) {
	content, err := ioutil.ReadFile("/var/log/app.log")
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "%s", content)
}

func serveDump(resp http.ResponseWriter, _ *http.Request) {
	raw, _ := ioutil.ReadFile("/tmp/dump.json")
	io.WriteString(resp, string(raw))
}
