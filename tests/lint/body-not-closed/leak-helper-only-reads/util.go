package svc

import (
	"log"
	"net/http"
)

func logStatus(r *http.Response) { log.Println(r.Status) }
