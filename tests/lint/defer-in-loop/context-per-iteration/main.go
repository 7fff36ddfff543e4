package probe

import (
	"context"
	"net"
	"time"
)

// Reachable gives each address its own timeout; every failed address
// leaves its context (and timer) registered until Reachable returns.
func Reachable(ctx context.Context, addrs []string) string {
	var d net.Dialer
	for _, a := range addrs {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		c, err := d.DialContext(ctx, "tcp", a)
		if err != nil {
			continue
		}
		c.Close()
		return a
	}
	return ""
}

// Start runs one worker per address; the cancels at the return are how
// the workers stop, so the contexts are kept on purpose.
func Start(ctx context.Context, addrs []string, work func(context.Context, string)) {
	for _, a := range addrs {
		wctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go work(wctx, a)
	}
	<-ctx.Done()
}

// Each cancels its context before the next iteration: the defer is only
// for a panic in ping.
func Each(ctx context.Context, addrs []string, ping func(context.Context, string) error) int {
	ok := 0
	for _, a := range addrs {
		pctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if ping(pctx, a) == nil {
			ok++
		}
		cancel()
	}
	return ok
}

// Lease renews a lease per round; the goroutine cancels its context when
// it ends, so nothing waits for the return.
func Lease(ctx context.Context, rounds int, hold func(context.Context)) {
	for i := 0; i < rounds; i++ {
		lctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			defer cancel()
			hold(lctx)
		}()
		<-lctx.Done()
	}
}
