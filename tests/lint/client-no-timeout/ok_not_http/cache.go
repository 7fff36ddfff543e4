package cache

import (
	"net/http"
	"sync"
)

type Store struct{ m sync.Map }

func (s *Store) Get(k string) (any, bool) { return s.m.Load(k) }

type Job struct{}

func (Job) Do(r *http.Request) error { return nil }

func Use(s *Store, r *http.Request) {
	s.Get("x")
	var j Job
	req, _ := http.NewRequest("GET", "http://x/", nil)
	j.Do(req)
	_ = r
}
