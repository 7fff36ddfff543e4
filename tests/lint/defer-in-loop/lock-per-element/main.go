package shards

import "sync"

type table struct {
	locks [16]sync.RWMutex
	data  [16]map[string]int
}

// Snapshot read-locks every shard, one per iteration, and keeps them all
// until it returns: a different lock each time, held together on purpose.
func (t *table) Snapshot() map[string]int {
	out := make(map[string]int)
	for i := range t.data {
		t.locks[i].RLock()
		defer t.locks[i].RUnlock()
		for k, v := range t.data[i] {
			out[k] = v
		}
	}
	return out
}

type node struct {
	mu     sync.Mutex
	parent *node
	hits   int
}

// Touch locks the chain from n up to the root: each parent is a new lock.
func (n *node) Touch() {
	for p := n; p != nil; p = p.parent {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.hits++
	}
}

type stats struct {
	mu     sync.RWMutex
	counts map[string]int
}

// Sum read-locks the same mutex in every iteration: the read locks pile
// up, and a writer waiting in Lock between two of them deadlocks Sum.
func (s *stats) Sum(keys []string) int {
	n := 0
	for _, k := range keys {
		s.mu.RLock()
		defer s.mu.RUnlock()
		n += s.counts[k]
	}
	return n
}
