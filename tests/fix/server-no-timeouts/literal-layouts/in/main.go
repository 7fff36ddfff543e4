package main

import (
	"log"
	"net/http"
)

// Layouts gofmt accepts, each with its own alignment: trailing comments
// aligned in their column, several fields on one line (no alignment with
// the next line), the first field on the brace's line, a comment after
// the last field, comments only.
func commented(h http.Handler) *http.Server {
	return &http.Server{
		Addr:    ":8080", // public
		Handler: h,       // routes
	}
}

func crowded(h http.Handler) *http.Server {
	return &http.Server{ // the crowded one
		Addr: ":8081", Handler: h,
	}
}

func braceLine(h http.Handler) *http.Server {
	return &http.Server{Addr: ":8082",
		Handler: h,
	}
}

func trailing(h http.Handler) *http.Server {
	return &http.Server{
		Addr:     ":8083",
		Handler:  h,
		ErrorLog: log.Default(), // the default logger
		// timeouts to come
	}
}

func commentsOnly() *http.Server {
	return &http.Server{
		// configured by the caller
	}
}

func main() {
	h := http.NotFoundHandler()
	for _, s := range []*http.Server{commented(h), crowded(h), braceLine(h), commentsOnly()} {
		go s.ListenAndServe()
	}
	log.Fatal(trailing(h).ListenAndServe())
}
