package merge

import "context"

type Span interface{ End() }

type tracer struct{}

func (tracer) Start(ctx context.Context, name string) (context.Context, Span) { return ctx, nil }

var otel tracer

type cursor struct{ ctx context.Context }

func (c *cursor) Next() bool { return c.ctx.Err() == nil }

type part struct{ name string }

func openCursor(ctx context.Context, p part) (*cursor, error) { return &cursor{ctx: ctx}, nil }

func count(ctx context.Context, p part) (int, error) { return len(p.name), ctx.Err() }

// Merge opens one cursor per part, each traced by its own span: the
// cursors are read after the loop, so each span ends with the merge.
func Merge(ctx context.Context, parts []part) (int, error) {
	var cursors []*cursor
	for _, p := range parts {
		pctx, span := otel.Start(ctx, "open "+p.name)
		defer span.End()
		c, err := openCursor(pctx, p)
		if err != nil {
			return 0, err
		}
		cursors = append(cursors, c)
	}
	n := 0
	for _, c := range cursors {
		for c.Next() {
			n++
		}
	}
	return n, nil
}

// Total's spans each cover one count: the work is done in the iteration.
func Total(ctx context.Context, parts []part) (int, error) {
	total := 0
	for _, p := range parts {
		pctx, span := otel.Start(ctx, "count "+p.name)
		defer span.End()
		n, err := count(pctx, p)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

type marked[T any] struct{ v T }

func newMarked[T any](v T) *marked[T] { return &marked[T]{v: v} }

// MergeMarked keeps each cursor inside a generic wrapper, for after the loop.
func MergeMarked(ctx context.Context, parts []part) ([]*marked[*cursor], error) {
	var out []*marked[*cursor]
	for _, p := range parts {
		pctx, span := otel.Start(ctx, "open "+p.name)
		defer span.End()
		c, err := openCursor(pctx, p)
		if err != nil {
			return nil, err
		}
		out = append(out, newMarked[*cursor](c))
	}
	return out, nil
}
