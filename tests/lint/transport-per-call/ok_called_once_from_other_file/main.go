package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	upstream := flag.String("upstream", "", "where to copy from")
	flag.Parse()
	// Once, at start-up: a private transport here is fine.
	manifest, err := fetchManifest(*upstream)
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/files/", serveFile(manifest, *upstream))
	log.Fatal(http.ListenAndServe(":8080", nil))
}
