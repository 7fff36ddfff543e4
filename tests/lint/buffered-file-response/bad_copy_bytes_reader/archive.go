package archive

import (
	"bufio"
	"bytes"
	"io"
	"io/ioutil"
	"net/http"
	"os"
)

func Download(w http.ResponseWriter, r *http.Request) {
	f, err := os.OpenFile("/data/backup.tar", os.O_RDONLY, 0)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	defer f.Close()
	buf, err := ioutil.ReadAll(bufio.NewReader(f))
	if err != nil {
		return
	}
	// A reader over a buffer that already holds the whole file.
	io.Copy(w, bytes.NewReader(buf))
}
