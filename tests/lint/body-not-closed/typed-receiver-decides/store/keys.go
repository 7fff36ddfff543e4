package store

import (
	"context"

	"example.com/app/kv"
)

// A parameter named client, of a type that is not net/http's: its Get is a key lookup.
func readKey(ctx context.Context, client *kv.Client, key string) (string, error) {
	resp, err := client.Get(ctx, key)
	if err != nil {
		return "", err
	}
	if resp.Status != kv.Found {
		return "", nil
	}
	return resp.Value, nil
}

// Lister is an informer-style cache; Get returns an object, not a response.
type Lister interface {
	Get(name string) (*Object, error)
}

type Object struct {
	Status struct{ Ready bool }
}

type Controller struct {
	lister Lister
}

func (c *Controller) ready(ctx context.Context, name string) bool {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_ = ctx
	obj, err := c.lister.Get(name)
	if err != nil {
		return false
	}
	return obj.Status.Ready
}

// A local variable shadows the field: a kv client here.
func (s *Syncer) fromCache(ctx context.Context, cache *kv.Client) string {
	client := cache
	resp, err := client.Get(ctx, "k")
	if err != nil {
		return ""
	}
	return resp.Value
}
