package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/rs/zerolog/log"
	"k8s.io/klog/v2"
)

func fatalf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

// The error branch ends the process (zerolog's Fatal event): the defer
// is reached only when err is nil.
func pingZerolog(url string) {
	resp, err := http.Get(url)
	if err != nil {
		log.Fatal().Err(err).Msg("ping failed")
	}
	defer resp.Body.Close()
}

func pingKlog(url string) {
	resp, err := http.Get(url)
	if err != nil {
		klog.Exitf("ping failed: %v", err)
	}
	defer resp.Body.Close()
}

func pingHelper(url string) {
	resp, err := http.Get(url)
	if err != nil {
		fatalf("ping failed: %v", err)
	}
	defer resp.Body.Close()
}

// An Error event is logged and the function goes on: resp is nil there.
func pingLogged(url string) {
	resp, err := http.Get(url)
	if err != nil {
		log.Error().Err(err).Msg("ping failed")
	}
	defer resp.Body.Close()
}

func main() {
	pingZerolog(os.Args[1])
	pingKlog(os.Args[1])
	pingHelper(os.Args[1])
	pingLogged(os.Args[1])
}
