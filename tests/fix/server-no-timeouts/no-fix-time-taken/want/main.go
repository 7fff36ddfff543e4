package main

import (
	"fmt"
	"log"
	"net/http"
)

type clock interface{ Now() int64 }

// `time` names a parameter here: importing package time into this file
// would be wrong for every fix, so none is offered.
func stamp(time clock) string {
	return fmt.Sprint(time.Now())
}

func main() {
	api := &http.Server{Addr: ":8081", Handler: http.NotFoundHandler()}
	go func() { log.Print(api.ListenAndServe()) }()
	log.Fatal(http.ListenAndServe(":8080", nil))
}
