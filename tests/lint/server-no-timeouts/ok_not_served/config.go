package config

import (
	"fmt"
	"net/http"
)

// A Server value used only to read its defaults; never served.
func Describe() string {
	var probe = http.Server{}
	return fmt.Sprint(probe.MaxHeaderBytes)
}

func Defaults() int {
	s := &http.Server{}
	s.SetKeepAlivesEnabled(false)
	return s.MaxHeaderBytes
}
