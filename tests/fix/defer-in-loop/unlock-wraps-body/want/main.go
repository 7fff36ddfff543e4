package main

import (
	"fmt"
	"sync"
)

type counter struct {
	mu sync.Mutex
	n  map[string]int
}

// add deadlocks on its second key: the deferred Unlock waits for add to
// return. An explicit Unlock would not run on a panic, so the body moves
// into a function literal and the continue becomes a return.
func (c *counter) add(keys []string) {
	for _, k := range keys {
		func() {
			if k == "" {
				return
			}
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.n[k] > 10 {
				return
			}
			c.n[k]++
		}()
	}
}

func main() {
	c := &counter{n: map[string]int{}}
	c.add([]string{"a", "", "b"})
	fmt.Println(c.n)
}
