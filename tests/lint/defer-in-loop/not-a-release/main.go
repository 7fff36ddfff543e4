package setup

import (
	"os"
	"sync"
)

type config struct{ name string }

func (c config) apply(v string) { _ = v }

// Configure applies every configuration when it returns, on purpose;
// Cleanup removes temporary files then. Neither holds a resource per
// iteration.
func Configure(cfgs []config, tmp []string, wg *sync.WaitGroup) {
	for _, c := range cfgs {
		wg.Add(1)
		defer wg.Done()
		defer c.apply(c.name)
	}
	for _, p := range tmp {
		defer os.Remove(p)
	}
	for range cfgs {
		ch := make(chan int)
		defer close(ch)
	}
}

// Touch opens a file per path: that one is held.
func Touch(paths []string) {
	for _, p := range paths {
		f, err := os.OpenFile(p, os.O_CREATE, 0o644)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}
