package metrics

import "log"

type span struct{ name string }

func (s span) End() { log.Printf("end %s", s.name) }

func start(name string) span { return span{name} }

// Each iteration adds a deferred End that runs only when Steps returns.
func Steps(names []string) {
	for _, n := range names {
		s := start(n)
		defer s.End()
		log.Printf("step %s", n)
	}
}
