package d

import "sync"

type counter struct {
	mu sync.Mutex
	n  map[string]int
}

// The first defer is silenced; the second names another rule, so it is
// still reported.
func (c *counter) Add(keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		defer c.mu.Unlock() //plumber:ignore defer-in-loop
		c.n[k]++
	}
	for _, k := range keys {
		c.mu.Lock()
		defer c.mu.Unlock() //plumber:ignore close-before-check
		c.n[k]--
	}
}
