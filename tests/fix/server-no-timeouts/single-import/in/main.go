package main

import "net/http"

// One import, on one line: it becomes a group holding net/http and time.
func main() {
	http.ListenAndServe(":8080", http.FileServer(http.Dir("public")))
}
