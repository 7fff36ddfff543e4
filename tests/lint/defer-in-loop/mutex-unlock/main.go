package cache

import "sync"

type Cache struct {
	mu   sync.Mutex
	data map[string]string
}

// Fill deadlocks on its second key: the first Unlock waits for Fill to return.
func (c *Cache) Fill(kv map[string]string) {
	for k, v := range kv {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.data[k] = v
	}
}
