package worker

import (
	"context"

	"example.com/queue"
)

// queue.Dial's result type is written in another module: plumber cannot see
// whether Close checks for nil, and most methods do not. Reported, hedged.
func Drain(ctx context.Context, addr string) error {
	c, err := queue.Dial(ctx, addr)
	defer c.Close()
	if err != nil {
		return err
	}
	return c.Drain(ctx)
}

// A field through the value panics whatever its type: reported as sure.
func Topic(ctx context.Context, addr string) (string, error) {
	c, err := queue.Dial(ctx, addr)
	defer c.Stats.Reset()
	if err != nil {
		return "", err
	}
	return c.Topic, nil
}
